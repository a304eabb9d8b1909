import type { ServerModule } from '../server-module.ts';
import { connectionsModule } from './connections.ts';
import { eventsModule } from './events.ts';
import { healthModule } from './health.ts';
import { oauthModule } from './oauth.ts';
import { scansModule } from './scans.ts';

/** Every module of the API, in the order their routes are listed in the OpenAPI document. */
export const SERVER_MODULES: readonly ServerModule[] = [
  healthModule,
  connectionsModule,
  oauthModule,
  scansModule,
  eventsModule,
];
