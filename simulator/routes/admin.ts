import type { Registrar } from '../http/serve.ts';

export function adminRoutes(_r: Registrar): void {}
