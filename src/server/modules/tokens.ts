import { z } from 'zod';
import {
  type ApiToken,
  createApiToken,
  listApiTokens,
  MAX_TOKEN_DAYS,
  revokeApiToken,
} from '../../people/api-tokens.ts';
import { ROLES } from '../../people/roles.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerModule } from '../server-module.ts';

// Personal API tokens: created (the token shown once, in the answer), listed (never the token),
// revoked. Owners and admins may revoke anyone's token (a leaked one must stop at once).

const Role = z.enum(ROLES);

const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  last4: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

function view(token: ApiToken): z.infer<typeof TokenView> {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    last4: token.last4,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  };
}

function principalOf(request: { principal: { user: { id: string }; role: z.infer<typeof Role> } | null }) {
  if (!request.principal) throw new RequestError('authentication_required', 'nobody is signed in');
  return { id: request.principal.user.id, role: request.principal.role };
}

export const tokensModule: ServerModule = {
  name: 'tokens',
  register(app, deps) {
    app.post(
      '/api/v1/tokens',
      {
        config: { access: 'account', audit: 'token.create' },
        schema: {
          tags: ['people'],
          summary: 'Create a personal API token (shown once); it acts with at most your role',
          body: z.object({
            name: z.string().min(1).max(100),
            role: Role.optional(),
            expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS),
          }),
          response: {
            201: z.object({
              token: z.string(),
              id: z.string(),
              name: z.string(),
              role: Role,
              last4: z.string(),
              createdAt: z.string(),
              expiresAt: z.string(),
            }),
          },
        },
      },
      async (request, reply) => {
        const { token, record } = await createApiToken(
          deps.db,
          deps.now(),
          principalOf(request),
          request.body,
        );
        noteAudit(request, {
          subject: `token:${record.id}`,
          details: { name: record.name, role: record.role, expiresAt: record.expiresAt },
        });
        return reply.code(201).send({
          token,
          id: record.id,
          name: record.name,
          role: record.role,
          last4: record.last4,
          createdAt: record.createdAt,
          expiresAt: record.expiresAt,
        });
      },
    );
    app.get(
      '/api/v1/tokens',
      {
        config: { access: 'account' },
        schema: {
          tags: ['people'],
          summary: 'Your personal API tokens (never the token itself)',
          response: { 200: z.object({ tokens: z.array(TokenView) }) },
        },
      },
      async (request) => ({ tokens: (await listApiTokens(deps.db, principalOf(request).id)).map(view) }),
    );
    app.delete(
      '/api/v1/tokens/:id',
      {
        config: { access: 'account', audit: 'token.revoke' },
        schema: {
          tags: ['people'],
          summary: 'Revoke a personal API token (yours; owners and admins: anyone’s)',
          params: z.object({ id: z.string().min(1).max(100) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const revoked = await revokeApiToken(deps.db, deps.now(), principalOf(request), request.params.id);
        noteAudit(request, {
          subject: `token:${revoked.id}`,
          details: { name: revoked.name, owner: revoked.userId },
        });
        return reply.code(204).send(null);
      },
    );
  },
};
