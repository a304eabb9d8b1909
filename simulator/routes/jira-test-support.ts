import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Harness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// Helpers for the Jira route tests: extra callers, 3LO tokens, and full pagination walks.

/** Gives an existing tenant user (e.g. Eve External) an API token; returns the Basic header. */
export function basicFor(h: Harness, accountId: string): string {
  const state = h.sim.context.state;
  const user = state.usersById.get(accountId);
  assert.ok(user, `user ${accountId}`);
  const secret = `ATATT3xTest${randomUUID().replaceAll('-', '')}`;
  state.tenant.apiTokens.push({
    id: `tok-${secret.slice(-8)}`,
    accountId,
    label: 'test',
    secret,
    createdAt: new Date(0).toISOString(),
    lastAccess: null,
    expiry: null,
    revoked: false,
  });
  state.reindex();
  return h.basic(user.email, secret);
}

/** Adds an active Atlassian account in no group at all (no product access anywhere). */
export function outsiderBasic(h: Harness): { basic: string; accountId: string } {
  const state = h.sim.context.state;
  const accountId = randomUUID().replaceAll('-', '').slice(0, 24);
  const member = state.usersById.get(TINY.member);
  assert.ok(member);
  state.tenant.users.push({
    ...member,
    accountId,
    name: 'Olive Outsider',
    nickname: 'Olive',
    email: `olive-${accountId.slice(0, 6)}@acme.example`,
    platformRoles: [],
    productAccess: [],
  });
  state.reindex();
  return { basic: basicFor(h, accountId), accountId };
}

/** Mints a 3LO access token straight into the simulator's OAuth state; returns the Bearer header. */
export function bearerFor(
  h: Harness,
  accountId: string,
  scopes: string[],
  siteIds: string[] = [TINY.siteA],
): string {
  const state = h.sim.context.state;
  const grantId = randomUUID();
  const token = `oauth-${randomUUID()}`;
  state.oauthGrants.set(grantId, {
    id: grantId,
    clientId: TINY.oauthClientId,
    accountId,
    scopes,
    siteIds,
    revoked: false,
  });
  state.oauthAccessTokens.set(token, { token, grantId, expiresAt: h.sim.context.now() + 3_600_000 });
  return `Bearer ${token}`;
}

interface PageBean<T> {
  self: string;
  nextPage?: string;
  startAt: number;
  maxResults: number;
  total: number;
  isLast: boolean;
  values: T[];
}

/** Follows `nextPage` links from the first page; checks every page's bookkeeping on the way. */
export async function walkPageBean<T>(h: Harness, firstUrl: string, auth?: string): Promise<T[]> {
  const all: T[] = [];
  let url: string | undefined = firstUrl;
  for (let guard = 0; url && guard < 1000; guard++) {
    const page: PageBean<T> = await h.json<PageBean<T>>(url, auth);
    assert.equal(page.startAt, all.length);
    all.push(...page.values);
    assert.equal(page.isLast, all.length >= page.total);
    assert.equal(page.nextPage === undefined, page.isLast);
    url = page.nextPage;
  }
  return all;
}

/** Walks a plain-array list (`/users/search`) until a short page. */
export async function walkArray<T>(h: Harness, baseUrl: string, size: number, auth?: string): Promise<T[]> {
  const all: T[] = [];
  for (let startAt = 0; ; startAt += size) {
    const sep = baseUrl.includes('?') ? '&' : '?';
    const page = await h.json<T[]>(`${baseUrl}${sep}startAt=${startAt}&maxResults=${size}`, auth);
    all.push(...page);
    if (page.length < size) return all;
  }
}

/** Asserts a Jira ErrorCollection with the given status. */
export async function assertJiraError(res: Response, status: number): Promise<string> {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${await res.clone().text()}`);
  const body = (await res.json()) as { errorMessages: string[]; errors: Record<string, string> };
  assert.ok(Array.isArray(body.errorMessages) && body.errorMessages.length > 0);
  assert.deepEqual(body.errors, {});
  return body.errorMessages[0] ?? '';
}
