import type { Registrar } from '../http/serve.ts';

export function graphqlRoutes(_r: Registrar): void {}
