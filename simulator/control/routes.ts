import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SimContext } from '../core/context.ts';
import { faultConfigSchema } from '../http/faults.ts';
import type { Tenant } from '../tenant/model.ts';
import { dataCenterControlRoutes } from './data-center.ts';
import {
  addUser,
  changeAppScopes,
  deactivateUser,
  grantAnonymousAccess,
  installApp,
  MutationError,
  removeApp,
} from './mutations.ts';

// The control API: its own listener, never part of what Palisade talks to. Tests and
// benchmarks use it to change a tenant between syncs, switch faults and read counters.

export interface ControlOptions {
  /** Builds a fresh copy of the starting tenant, for `POST /reset`. */
  rebuild?: (() => Tenant) | undefined;
}

const product = z.enum(['jira', 'confluence']);
const installSchema = z
  .object({
    appKey: z.string().min(1),
    site: z.string().min(1),
    product,
    installedBy: z.string().email(),
    userInstalled: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
const scopesSchema = z
  .object({ scopes: z.array(z.string().min(1)), version: z.string().min(1).optional() })
  .strict();
const anonymousSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('jira-browse'), site: z.string(), schemeId: z.number().int().optional() })
    .strict(),
  z.object({ kind: z.literal('jira-user-picker'), site: z.string() }).strict(),
  z.object({ kind: z.literal('confluence-site'), site: z.string() }).strict(),
  z.object({ kind: z.literal('confluence-space'), site: z.string(), spaceKey: z.string() }).strict(),
  z.object({ kind: z.literal('confluence-remote-api'), site: z.string(), enabled: z.boolean() }).strict(),
]);
const userSchema = z
  .object({
    email: z.string().email(),
    name: z.string().min(1),
    admin: z.boolean().optional(),
    mfaEnabled: z.boolean().optional(),
  })
  .strict();

function fail(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

function parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
  fail(reply, 400, 'invalid_request', issues);
  return undefined;
}

async function guard(reply: FastifyReply, action: () => unknown) {
  try {
    return reply.send(await action());
  } catch (error) {
    if (error instanceof MutationError) return fail(reply, error.status, 'mutation_failed', error.message);
    throw error;
  }
}

export function controlRoutes(app: FastifyInstance, ctx: SimContext, options: ControlOptions): void {
  const state = ctx.state;

  app.get('/health', async () => ({ status: 'ok' }));
  dataCenterControlRoutes(app, ctx);

  app.get('/counters', async () => ctx.counters.snapshot());
  app.post('/counters/reset', async () => {
    ctx.counters.reset();
    return { reset: true };
  });

  app.get('/faults', async () => ctx.faults.get());
  app.put('/faults', async (request, reply) => {
    const config = parse(faultConfigSchema, request.body, reply);
    if (!config) return reply;
    ctx.faults.set(config);
    ctx.limiter.reset();
    return config;
  });
  app.delete('/faults', async () => {
    ctx.faults.set({ rules: [] });
    ctx.limiter.reset();
    return { rules: [] };
  });

  app.post('/reset', async (_request, reply) => {
    if (!options.rebuild)
      return fail(reply, 409, 'not_resettable', 'This simulator was started without a tenant source');
    state.tenant = options.rebuild();
    state.reindex();
    ctx.counters.reset();
    ctx.limiter.reset();
    ctx.faults.set({ rules: [] });
    return { reset: true };
  });

  app.get('/tenant/summary', async () => {
    const t = state.tenant;
    return {
      org: t.org,
      users: t.users.length,
      usersByAccountType: t.users.reduce<Record<string, number>>((acc, u) => {
        acc[u.accountType] = (acc[u.accountType] ?? 0) + 1;
        return acc;
      }, {}),
      groups: t.groups.length,
      sites: t.sites.map((s) => ({
        id: s.id,
        name: s.name,
        projects: s.jira?.projects.length ?? 0,
        spaces: s.confluence?.spaces.length ?? 0,
        customFields: s.jira?.fields.filter((f) => f.custom).length ?? 0,
      })),
      apps: t.apps.length,
      installations: t.installations.length,
    };
  });

  app.get('/tenant/installations', async () => state.tenant.installations);

  app.post('/tenant/apps/install', async (request, reply) => {
    const body = parse(installSchema, request.body, reply);
    if (!body) return reply;
    return guard(reply, () => installApp(state, body, ctx.now()));
  });

  app.delete<{ Params: { appKey: string }; Querystring: { site?: string; product?: string } }>(
    '/tenant/apps/:appKey/installations',
    async (request, reply) => {
      const q = parse(z.object({ site: z.string().min(1), product }).strict(), request.query, reply);
      if (!q) return reply;
      return guard(reply, () => {
        removeApp(state, request.params.appKey, q.site, q.product, ctx.now());
        return { removed: true };
      });
    },
  );

  app.put<{ Params: { appKey: string } }>('/tenant/apps/:appKey/scopes', async (request, reply) => {
    const body = parse(scopesSchema, request.body, reply);
    if (!body) return reply;
    return guard(reply, () => changeAppScopes(state, request.params.appKey, body.scopes, body.version));
  });

  app.post('/tenant/anonymous-access', async (request, reply) => {
    const body = parse(anonymousSchema, request.body, reply);
    if (!body) return reply;
    return guard(reply, () => ({ changed: grantAnonymousAccess(state, body) }));
  });

  app.post('/tenant/users', async (request, reply) => {
    const body = parse(userSchema, request.body, reply);
    if (!body) return reply;
    return guard(reply, () => addUser(state, body, ctx.now()));
  });

  app.post<{ Params: { accountId: string } }>('/tenant/users/:accountId/deactivate', async (request, reply) =>
    guard(reply, () => deactivateUser(state, request.params.accountId)),
  );

  // A person removes the app from "Connected apps" in their Atlassian account: every 3LO grant is
  // revoked, so access tokens stop working and the next refresh answers invalid_grant.
  app.post('/tenant/oauth/grants/revoke', async () => {
    let revoked = 0;
    for (const grant of state.oauthGrants.values()) {
      if (grant.revoked) continue;
      grant.revoked = true;
      revoked += 1;
    }
    return { revoked };
  });

  // A person revokes one of their API tokens at id.atlassian.com → Security → API tokens: every
  // later call with it answers 401. Named by its secret, the only thing a test holds.
  app.post('/tenant/api-tokens/revoke', async (request, reply) => {
    const body = request.body as { apiToken?: unknown } | undefined;
    const token = typeof body?.apiToken === 'string' ? state.tokensBySecret.get(body.apiToken) : undefined;
    if (!token) return reply.code(404).send({ error: 'no API token with that secret' });
    token.revoked = true;
    return { revoked: 1 };
  });
}
