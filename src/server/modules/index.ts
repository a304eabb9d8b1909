import type { ServerModule } from '../server-module.ts';
import { connectionsModule } from './connections.ts';
import { healthModule } from './health.ts';

/** Every module of the API, in the order their routes are listed in the OpenAPI document. */
export const SERVER_MODULES: readonly ServerModule[] = [healthModule, connectionsModule];
