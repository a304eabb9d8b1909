import type { FastifyInstance } from 'fastify';

// A host that only redirects: the old name of a renamed site, or a custom domain. Atlassian keeps
// an old site name answering with a permanent redirect to the new one, path and query kept
// (https://support.atlassian.com/organization-administration/docs/update-a-product-url/), so
// every method and path answers 301 with the target's base URL in front of the request's path.
// The target is read per request: listeners bind in turn, and the target may bind after this one.

export function redirectRoutes(app: FastifyInstance, target: () => string): void {
  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'],
    url: '/*',
    handler: (request, reply) => reply.code(301).header('location', `${target()}${request.url}`).send(),
  });
}
