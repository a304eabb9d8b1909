import type { Registrar } from '../http/serve.ts';

export function jiraRoutes(_r: Registrar): void {}
