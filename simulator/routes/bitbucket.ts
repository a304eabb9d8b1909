import type { Registrar } from '../http/serve.ts';

// Bitbucket Cloud REST API 2.0 on its own listener (`api.bitbucket.org`).
export function bitbucketRoutes(_r: Registrar): void {}
