import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../core/context.ts';
import type { Registrar } from '../http/serve.ts';

/** The authorization server (auth.atlassian.com): consent page, decision and token endpoint. */
export function oauthRoutes(_app: FastifyInstance, _ctx: SimContext, _r: Registrar): void {}

/** `api.atlassian.com/oauth/token/accessible-resources`. */
export function accessibleResourcesRoutes(_r: Registrar): void {}
