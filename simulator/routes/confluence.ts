import type { Registrar } from '../http/serve.ts';

export function confluenceRoutes(_r: Registrar): void {}
