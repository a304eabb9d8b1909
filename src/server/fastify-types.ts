import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteAccess } from '../people/roles.ts';
import type { Principal } from './principal.ts';

// What Palisade adds to Fastify's types: each route's access and audit action (its `config`), and
// the principal and audit note of each request.

/** What the audit log says about a change, beyond the route's action (see audit-hook.ts). */
export interface AuditNote {
  /** What it was done to, e.g. `connection:<id>`, `user:<id>`; default: the request path. */
  subject?: string | undefined;
  connectionId?: string | undefined;
  details?: Record<string, unknown> | undefined;
  /** Who, when no principal is signed in (first-run setup, sign-in): a user id or e-mail. */
  actor?: string | undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission the route needs, or `public`; a route without one fails at start. */
    access?: RouteAccess;
    /** The audit log's action for a state-changing route (`connection.create`); required for them. */
    audit?: string;
    /** A read whose answers are kept until the data may have changed (read-cache.ts). */
    readCache?: boolean;
    /** The route answers a stream (Server-Sent Events) that stays open: route-walking tests must not wait for its end. */
    stream?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    auditNote: AuditNote | null;
  }
}

/** The Fastify instance every module registers its routes on: zod schemas, typed handlers. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
