import type { FastifyInstance } from 'fastify';
import type { ForeignSite } from '../tenant/model.ts';

// Another organization's site, as far as a scan of this tenant can see it: its unauthenticated
// `/_edge/tenant_info` names its own cloud id, and every other call is refused with Jira's 401
// body (the credentials a scan holds belong to this tenant). `authorizationSeen` counts requests
// that carried credentials anyway, so a test can prove none was sent here.

export interface ForeignSiteState {
  authorizationSeen: number;
}

export function foreignSiteRoutes(app: FastifyInstance, site: ForeignSite, state: ForeignSiteState): void {
  app.addHook('onRequest', async (request) => {
    if (request.headers.authorization) state.authorizationSeen++;
  });
  app.get('/_edge/tenant_info', async () => ({ cloudId: site.cloudId }));
  app.setNotFoundHandler((_request, reply) =>
    reply
      .code(401)
      .type('application/json;charset=UTF-8')
      .send({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} }),
  );
}
