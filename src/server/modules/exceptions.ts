import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RuleException } from '../../findings/exceptions.ts';
import {
  deleteException,
  findException,
  listExceptions,
  saveException,
} from '../../findings/store/exceptions-store.ts';
import { ruleMetasOf } from '../../findings/store/rule-metas.ts';
import { MAX_ACCEPTED_RISK_DAYS } from '../../findings/workflow.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerModule } from '../server-module.ts';
import { connectionsIn, requireConnection } from './connection-scope.ts';
import { ErrorBody } from './findings-schemas.ts';

// Exceptions (accepted risks) over the API, in the store `palisade except` writes: what the CLI
// records the server lists and the next scan of either honours, and the other way round.

const Exception = z.object({
  id: z.string(),
  connectionId: z.string(),
  ruleId: z.string(),
  resources: z.array(z.string()).nullable().describe('resource keys; null: every resource of the rule'),
  justification: z.string(),
  owner: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  state: z.enum(['active', 'expired']),
});

const ListQuery = z.object({ connectionId: z.string().min(1).max(200).optional() });

const CreateBody = z.object({
  connectionId: z.string().min(1).max(200),
  ruleId: z.string().min(1).max(200),
  resources: z.array(z.string().min(1).max(1000)).min(1).max(1000).optional(),
  justification: z.string().trim().min(10).max(5000),
  owner: z.string().trim().min(1).max(200),
  expiresAt: z.iso.datetime({ offset: true }),
});

const IdParams = z.object({ id: z.string().min(1).max(200) });

function shown(connectionId: string, e: RuleException, now: Date): z.infer<typeof Exception> {
  return {
    id: e.id,
    connectionId,
    ruleId: e.ruleId,
    resources: e.resources ?? null,
    justification: e.justification,
    owner: e.owner,
    createdAt: e.createdAt,
    expiresAt: e.expiresAt,
    state: Date.parse(e.expiresAt) > now.getTime() ? 'active' : 'expired',
  };
}

export const exceptionsModule: ServerModule = {
  name: 'exceptions',
  register(app, deps) {
    app.get(
      '/api/v1/exceptions',
      {
        config: { access: 'findings:read' },
        schema: {
          tags: ['exceptions'],
          summary: 'Exceptions (accepted risks), expired ones included',
          querystring: ListQuery,
          response: { 200: z.object({ items: z.array(Exception) }), 404: ErrorBody },
        },
      },
      async (request) => {
        const now = deps.now();
        const items: z.infer<typeof Exception>[] = [];
        for (const id of await connectionsIn(deps.db, request.query.connectionId)) {
          for (const e of await listExceptions(deps.db, id)) items.push(shown(id, e, now));
        }
        return { items };
      },
    );

    app.post(
      '/api/v1/exceptions',
      {
        config: { access: 'exceptions:manage', audit: 'exception.create' },
        schema: {
          tags: ['exceptions'],
          summary: "Accept a rule's failures (all, or some resources) until an expiry",
          description: `The expiry is at most ${MAX_ACCEPTED_RISK_DAYS} days ahead. The next scan shows the failures it covers as excepted.`,
          body: CreateBody,
          response: { 201: z.object({ exception: Exception }), 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const now = deps.now();
        await requireConnection(deps.db, body.connectionId);
        if (!(await ruleMetasOf(deps.db, body.connectionId)).has(body.ruleId)) {
          throw new RequestError('invalid_input', `ruleId ${body.ruleId.slice(0, 100)} names no rule`);
        }
        const expires = Date.parse(body.expiresAt);
        if (expires <= now.getTime() || expires > now.getTime() + MAX_ACCEPTED_RISK_DAYS * 86_400_000) {
          throw new RequestError(
            'invalid_input',
            `expiresAt must be in the future and at most ${MAX_ACCEPTED_RISK_DAYS} days ahead`,
          );
        }
        const saved = await saveException(deps.db, body.connectionId, {
          id: randomUUID(),
          ruleId: body.ruleId,
          ...(body.resources ? { resources: [...new Set(body.resources)] } : {}),
          justification: body.justification,
          owner: body.owner,
          createdAt: now.toISOString(),
          expiresAt: new Date(expires).toISOString(),
        });
        noteAudit(request, {
          subject: `exception:${saved.id}`,
          connectionId: body.connectionId,
          details: { ruleId: saved.ruleId, resources: saved.resources ?? null, expiresAt: saved.expiresAt },
        });
        return reply.code(201).send({ exception: shown(body.connectionId, saved, now) });
      },
    );

    app.delete(
      '/api/v1/exceptions/:id',
      {
        config: { access: 'exceptions:manage', audit: 'exception.revoke' },
        schema: {
          tags: ['exceptions'],
          summary: 'Revoke an exception: the next scan shows its failures as failing again',
          params: IdParams,
          response: { 200: z.object({ exception: Exception }), 404: ErrorBody },
        },
      },
      async (request) => {
        const found = await findException(deps.db, request.params.id);
        if (!found) throw new RequestError('exception_not_found', `no exception ${request.params.id}`);
        await deleteException(deps.db, found.connectionId, found.exception.id);
        noteAudit(request, {
          subject: `exception:${found.exception.id}`,
          connectionId: found.connectionId,
          details: { ruleId: found.exception.ruleId },
        });
        return { exception: shown(found.connectionId, found.exception, deps.now()) };
      },
    );
  },
};
