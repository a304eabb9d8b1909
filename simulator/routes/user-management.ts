import type { Registrar } from '../http/serve.ts';

export function userManagementRoutes(_r: Registrar): void {}
