import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { assertJiraError, bearerFor, walkPageBean } from './jira-test-support.ts';

// The same Jira endpoints through api.atlassian.com/ex/jira/{cloudId} with a 3LO access token.

let ex: string;
let full: string;
const h = useHarness({
  setup: (h) => {
    ex = `${h.api}/ex/jira/${TINY.siteA}`;
    full = bearerFor(h, TINY.member, ['read:jira-user', 'read:jira-work']);
  },
});

test('myself through 3LO answers for the consenting user with links under the /ex prefix', async () => {
  const me = await h.json<Record<string, unknown>>(`${ex}/rest/api/3/myself`, full);
  assert.equal(me.accountId, TINY.member);
  assert.equal(me.self, `${ex}/rest/api/3/user?accountId=${TINY.member}`);
});

test('project search through 3LO pages with links under the /ex prefix', async () => {
  const first = await h.json<{ self: string; nextPage: string }>(
    `${ex}/rest/api/3/project/search?maxResults=1`,
    full,
  );
  assert.ok(first.self.startsWith(`${ex}/rest/api/3/project/search`));
  assert.ok(first.nextPage.startsWith(`${ex}/rest/api/3/project/search`));
  const all = await walkPageBean<{ key: string; self: string }>(
    h,
    `${ex}/rest/api/3/project/search?maxResults=2`,
    full,
  );
  assert.deepEqual(
    all.map((p) => p.key),
    ['ENG', 'PUB', 'TEAM'],
  );
  assert.equal(all[0]?.self, `${ex}/rest/api/3/project/10000`);
});

test('mypermissions through 3LO reflects the consenting user’s grants', async () => {
  const body = await h.json<{ permissions: Record<string, { havePermission: boolean }> }>(
    `${ex}/rest/api/3/mypermissions?permissions=CREATE_ISSUES,ADMINISTER&projectKey=ENG`,
    full,
  );
  assert.equal(body.permissions.CREATE_ISSUES?.havePermission, true);
  assert.equal(body.permissions.ADMINISTER?.havePermission, false);
});

test('a token without the endpoint’s scope gets the gateway’s 401 “scope does not match”, not a product error', async () => {
  const userOnly = bearerFor(h, TINY.member, ['read:jira-user']);
  for (const path of [
    '/rest/api/3/project/search',
    '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS',
  ]) {
    const res = await h.get(`${ex}${path}`, userOnly);
    assert.equal(res.status, 401, path);
    assert.equal(res.headers.get('x-failure-category'), 'FAILURE_CLIENT_SCOPE_CHECK');
    assert.deepEqual(await res.json(), { code: 401, message: 'Unauthorized; scope does not match' });
  }
  assert.equal((await h.get(`${ex}/rest/api/3/myself`, userOnly)).status, 200);
});

test('server info needs no scope through 3LO and reports the site URL', async () => {
  const noScopes = bearerFor(h, TINY.member, []);
  const info = await h.json<{ baseUrl: string }>(`${ex}/rest/api/3/serverInfo`, noScopes);
  assert.equal(info.baseUrl, h.siteA);
});

test('a token is refused on a site it was not granted, and an unknown cloud id is a 404', async () => {
  await assertJiraError(await h.get(`${h.api}/ex/jira/${TINY.siteB}/rest/api/3/myself`, full), 401);
  const res = await h.get(`${h.api}/ex/jira/00000000-0000-4000-8000-000000000000/rest/api/3/myself`, full);
  assert.equal(res.status, 404);
});

test('admin endpoints through 3LO still need the user to be a Jira admin', async () => {
  const config = bearerFor(h, TINY.member, ['manage:jira-configuration']);
  await assertJiraError(await h.get(`${ex}/rest/api/3/auditing/record`, config), 403);
  const admin = bearerFor(h, TINY.admin, ['manage:jira-configuration']);
  const audit = await h.json<{ total: number }>(`${ex}/rest/api/3/auditing/record`, admin);
  assert.equal(audit.total, 2);
});

test('a revoked grant or an unknown token is a 401', async () => {
  const token = bearerFor(h, TINY.member, ['read:jira-user']);
  const grant = [...h.sim.context.state.oauthGrants.values()].at(-1);
  assert.ok(grant);
  grant.revoked = true;
  await assertJiraError(await h.get(`${ex}/rest/api/3/myself`, token), 401);
  await assertJiraError(await h.get(`${ex}/rest/api/3/myself`, 'Bearer not-a-token'), 401);
});
