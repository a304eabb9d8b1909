import { intParam } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { ApiToken, OrgApiKey, User } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import { v2Page } from './admin-pages.ts';
import { isManagedAccount } from './admin-users.ts';

// API Access API: the org's user API tokens and API keys, each in one paged list with expiry, last
// activity and scopes (`ApiTokenSearchResponse`, `ApiKeySearchResponse`). `pageSize`/`cursor` in,
// `{data, links:{self, next?, prev?}}` out; the links are opaque cursors, as admin v2's. Dates
// never known (a key that never expires, a token never used) are left out, and a token or key
// without scopes carries no `scopes`.
// https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-token/
// https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-key/

function pageSizeOf(call: Call): number {
  const size = call.endpoint.pageSize ?? { default: 50, max: 100 };
  return Math.min(intParam(call, 'pageSize', size.default, 1), size.max);
}

function page<T>(call: Call, items: readonly T[], render: (item: T) => unknown) {
  const cursor = typeof call.query.cursor === 'string' ? call.query.cursor : undefined;
  const p = v2Page(call, items, render, cursor, pageSizeOf(call));
  return { data: p.data, links: p.links };
}

const byCreation = <T extends { createdAt: string; id: string }>(a: T, b: T) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

function renderToken(orgId: string, token: ApiToken, user: User) {
  return {
    id: token.id,
    label: token.label,
    status: 'ALLOWED',
    createdAt: token.createdAt,
    ...(token.expiry ? { expiresAt: token.expiry } : {}),
    ...(token.lastAccess ? { lastActiveAt: token.lastAccess } : {}),
    user: { id: user.accountId, orgId, name: user.name, email: user.email },
    ...(token.scopes ? { scopes: token.scopes } : {}),
  };
}

function renderKey(orgId: string, key: OrgApiKey, creator: User | undefined) {
  return {
    id: key.id,
    label: key.label,
    createdAt: key.createdAt,
    ...(key.expiry ? { expiresAt: key.expiry } : {}),
    ...(key.lastUsed ? { lastActiveAt: key.lastUsed } : {}),
    resource: `ari:cloud:platform::org/${orgId}`,
    orgId,
    ...(creator ? { createdBy: { id: creator.accountId, name: creator.name, email: creator.email } } : {}),
    ...(key.scopes ? { scopes: key.scopes } : {}),
  };
}

export function apiAccessRoutes(r: Registrar): void {
  // The tokens of the org's managed accounts: revoked ones are gone, expired ones still listed.
  serveAdmin(r, 'admin.apiAccess.apiTokens.list', (call) => {
    const { state } = call.ctx;
    const orgId = state.tenant.org.id;
    const listed = state.tenant.apiTokens
      .filter((t) => !t.revoked)
      .flatMap((t) => {
        const user = state.usersById.get(t.accountId);
        return user && isManagedAccount(user) ? [{ token: t, user, createdAt: t.createdAt, id: t.id }] : [];
      })
      .sort(byCreation);
    return page(call, listed, (t) => renderToken(orgId, t.token, t.user));
  });

  // The model keeps no creator for a key: the org admin the credentials point at made them all.
  serveAdmin(r, 'admin.apiAccess.apiKeys.list', (call) => {
    const { state } = call.ctx;
    const orgId = state.tenant.org.id;
    const creator = state.usersById.get(state.tenant.credentials.adminAccountId);
    const keys = state.tenant.orgApiKeys.filter((k) => !k.revoked).sort(byCreation);
    return page(call, keys, (k) => renderKey(orgId, k, creator));
  });
}
