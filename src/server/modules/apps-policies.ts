import { z } from 'zod';
import { deletePolicy, listPolicies, savePolicy } from '../../app-risk/policy/repository.ts';
import { noteAudit } from '../audit-hook.ts';
import type { ZodApp } from '../fastify-types.ts';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import { actorOf } from './apps-actor.ts';
import { catalogueOf } from './apps-catalog.ts';
import { ConnectionQuery, PolicyAnswer, PolicyBody, PolicyList, PolicyParams } from './apps-schemas.ts';
import { connectionsIn, requireConnection } from './connection-scope.ts';
import { ErrorBody } from './findings-schemas.ts';

// The organization's app policies (src/rules/app-policy.ts: "no vendor without a bug bounty may
// act as a user"…) per connection, in the store the scans evaluate: each enabled policy is a rule,
// its violations are findings on the next scan and checks on the app at once.

const TAGS = ['apps'];

export function registerAppPolicies(app: ZodApp, deps: ServerDeps): void {
  const catalogue = catalogueOf(deps);

  app.get(
    '/api/v1/apps/policies',
    {
      config: { access: 'apps:read' },
      schema: {
        tags: TAGS,
        summary: 'The app policies of every connection, or of one',
        description: 'invalid: stored policies that no longer validate (never evaluated half-understood).',
        querystring: ConnectionQuery.partial(),
        response: { 200: PolicyList, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const ids = await connectionsIn(deps.db, request.query.connectionId);
      const lists = await Promise.all(ids.map(async (id) => ({ id, list: await listPolicies(deps.db, id) })));
      return {
        items: lists.flatMap(({ id, list }) =>
          list.policies.map((p) => ({
            connectionId: id,
            policy: p.policy as Record<string, unknown>,
            enabled: p.enabled,
            createdAt: p.createdAt,
            updatedAt: p.updatedAt,
          })),
        ),
        invalid: lists.flatMap(({ id, list }) => list.invalid.map((i) => ({ connectionId: id, ...i }))),
      };
    },
  );

  app.put(
    '/api/v1/apps/policies/:id',
    {
      config: { access: 'apps:govern', audit: 'app.policy.save' },
      schema: {
        tags: TAGS,
        summary: 'Create or replace an app policy of a connection',
        description:
          'policy: { id, description, severity, when: {…} } | { …, onlyVendors: { vendors, capabilityAtLeast | scopesAny } } | { …, noDevelopmentMode: true }; its id is the one in the path.',
        params: PolicyParams,
        body: PolicyBody,
        response: { 200: PolicyAnswer, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { connectionId, enabled, policy } = request.body;
      const id = request.params.id;
      if (policy.id !== undefined && policy.id !== id) {
        throw new RequestError(
          'invalid_input',
          `policy.id "${String(policy.id)}" is not the id in the path "${id}"`,
        );
      }
      await requireConnection(deps.db, connectionId);
      const saved = await savePolicy(deps.db, {
        connectionId,
        policy: { ...policy, id },
        actor: actorOf(request).email,
        now: deps.now(),
        enabled,
      });
      await catalogue.forget(connectionId);
      noteAudit(request, { subject: `policy:${id}`, connectionId, details: { enabled } });
      return {
        policy: {
          connectionId,
          policy: saved.policy as Record<string, unknown>,
          enabled: saved.enabled,
          createdAt: saved.createdAt,
          updatedAt: saved.updatedAt,
        },
      };
    },
  );

  app.delete(
    '/api/v1/apps/policies/:id',
    {
      config: { access: 'apps:govern', audit: 'app.policy.delete' },
      schema: {
        tags: TAGS,
        summary: 'Delete an app policy of a connection',
        params: PolicyParams,
        querystring: ConnectionQuery,
        response: { 204: z.null(), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { connectionId } = request.query;
      const id = request.params.id;
      await requireConnection(deps.db, connectionId);
      const deleted = await deletePolicy(deps.db, {
        connectionId,
        id,
        actor: actorOf(request).email,
        now: deps.now(),
      });
      if (!deleted)
        throw new RequestError('policy_not_found', `connection ${connectionId} has no policy ${id}`);
      await catalogue.forget(connectionId);
      noteAudit(request, { subject: `policy:${id}`, connectionId, details: {} });
      return reply.code(204).send(null);
    },
  );
}
