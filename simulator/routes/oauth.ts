import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../core/context.ts';
import type { Registrar } from '../http/serve.ts';
import { accessibleResourcesRoute } from './oauth-accessible-resources.ts';
import { authorizeRoutes } from './oauth-authorize.ts';
import { tokenRoutes } from './oauth-token.ts';

/** The authorization server (auth.atlassian.com): consent page, decision and token endpoint. */
export function oauthRoutes(app: FastifyInstance, ctx: SimContext, r: Registrar): void {
  authorizeRoutes(app, ctx, r);
  tokenRoutes(r);
}

/** `api.atlassian.com/oauth/token/accessible-resources`. */
export function accessibleResourcesRoutes(r: Registrar): void {
  accessibleResourcesRoute(r);
}
