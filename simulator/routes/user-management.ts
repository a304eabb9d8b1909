import { SimError } from '../http/errors.ts';
import { type Call, type Registrar, Respond } from '../http/serve.ts';
import type { ApiToken, User } from '../tenant/model.ts';
import { isManagedAccount } from './admin-users.ts';

// User management REST API: a managed account's API tokens (spec admin-user-management,
// `ApiTokenResponse`, `Forbidden.Action`, `NotFound.Account`).
// https://developer.atlassian.com/cloud/admin/user-management/rest/api-group-api-tokens/

/**
 * Only an org API key created without scopes reaches this API: a scoped key is refused at the
 * gateway with a 403 naming a `manage:org` scope that key creation does not offer (measured by
 * jira.js, https://mrrefactoring.github.io/jira.js/guide/administration).
 */
function requireUnscopedKey(call: Call): void {
  if (call.principal.kind === 'org-key' && call.principal.key.scopes !== null) {
    throw new SimError(403, 'The API key does not grant the scope this resource requires: manage:org.');
  }
}

type Target = { user: User } | { refusal: Respond };

/**
 * The account in the path: unknown → 404 `accountNotFound`; not managed by the key's org (external,
 * customer and app accounts) → 403 `forbidden.action`, as only its own org's admins manage it.
 */
function targetOf(call: Call): Target {
  const user = call.ctx.state.usersById.get(call.params.accountId ?? '');
  if (!user) return { refusal: new Respond(404, { key: 'accountNotFound' }) };
  if (!isManagedAccount(user)) {
    return {
      refusal: new Respond(403, {
        key: 'forbidden.action',
        context: { allowed: false, reason: { key: 'managedAccount' } },
      }),
    };
  }
  return { user };
}

function liveTokens(call: Call, accountId: string): ApiToken[] {
  return call.ctx.state.tenant.apiTokens
    .filter((t) => t.accountId === accountId && !t.revoked)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

// `expiry` is in the reference page's example though not in the 2022 spec (tokens expire since
// 2024); `lastAccess` and `expiry` are omitted when unknown, as the schema marks them optional.
function renderToken(token: ApiToken) {
  return {
    id: token.id,
    label: token.label,
    createdAt: token.createdAt,
    ...(token.lastAccess ? { lastAccess: token.lastAccess } : {}),
    ...(token.expiry ? { expiry: token.expiry } : {}),
  };
}

export function userManagementRoutes(r: Registrar): void {
  r.serve('usermgmt.apiTokens.list', (call) => {
    requireUnscopedKey(call);
    const target = targetOf(call);
    if ('refusal' in target) return target.refusal;
    return liveTokens(call, target.user.accountId).map(renderToken);
  });

  r.serve(
    'usermgmt.apiTokens.delete',
    (call) => {
      requireUnscopedKey(call);
      const target = targetOf(call);
      if ('refusal' in target) return target.refusal;
      const token = liveTokens(call, target.user.accountId).find((t) => t.id === call.params.tokenId);
      if (!token) return new Respond(404, { key: 'notFound' });
      // The secret stays indexed; `revoked` is what Basic authentication checks.
      token.revoked = true;
      return new Respond(204, undefined);
    },
    { write: true },
  );
}
