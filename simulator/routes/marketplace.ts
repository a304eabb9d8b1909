import type { Registrar } from '../http/serve.ts';

export function marketplaceRoutes(_r: Registrar): void {}
