import type { Registrar } from '../http/serve.ts';

export function upmRoutes(_r: Registrar): void {}
