import type { ZodApp } from './fastify-types.ts';
import type { ServerDeps } from './server-deps.ts';

/**
 * One module of the API (DESIGN.md: one plugin per module): its routes, each with zod schemas for
 * its request and responses, its `config.access` and, when it changes something, `config.audit`.
 */
export interface ServerModule {
  name: string;
  register(app: ZodApp, deps: ServerDeps): void | Promise<void>;
}
