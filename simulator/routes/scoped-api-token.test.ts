import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCAN_TOKEN_SCOPES } from '../tenant/gen-org.ts';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// API tokens created with scopes: Basic auth through the gateway `/ex/{product}/{cloudId}` only,
// for what their scopes cover; the site host refuses them, and UPM and GraphQL are not on the gateway.

const h = useHarness({ resetBeforeEach: true });
const scoped = () => h.basic('ada@acme.example', TINY.scopedToken);
const jira = () => `${h.api}/ex/jira/${TINY.siteA}`;

test('a scoped token is refused on the site host and accepted through the gateway for /myself', async () => {
  assert.equal((await h.get(`${h.siteA}/rest/api/3/myself`, scoped())).status, 401);
  const res = await h.get(`${jira()}/rest/api/3/myself`, scoped());
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { accountId: string }).accountId, TINY.admin);
  const spaces = await h.get(`${h.api}/ex/confluence/${TINY.siteA}/wiki/api/v2/spaces`, scoped());
  assert.equal(spaces.status, 200);
});

test('a classic token goes to the site host only: the gateway refuses it', async () => {
  assert.equal((await h.get(`${h.siteA}/rest/api/3/myself`, h.adminBasic)).status, 200);
  assert.equal((await h.get(`${jira()}/rest/api/3/myself`, h.adminBasic)).status, 401);
});

test('an endpoint outside the token’s scopes is the gateway’s 401 "scope does not match"', async () => {
  const token = h.sim.context.state.tenant.apiTokens.find((t) => t.id === 'tok-admin-scoped');
  assert.ok(token);
  token.scopes = ['read:jira-user'];
  assert.equal((await h.get(`${jira()}/rest/api/3/myself`, scoped())).status, 200);
  const res = await h.get(`${jira()}/rest/api/3/project/search`, scoped());
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { code: 401, message: 'Unauthorized; scope does not match' });
});

test('UPM and the GraphQL gateway live on the site host: no route for them through the gateway', async () => {
  assert.equal((await h.get(`${jira()}/rest/plugins/1.0/`, scoped())).status, 404);
  assert.equal((await h.get(`${h.siteA}/rest/plugins/1.0/`, scoped())).status, 401);
  const graphql = await h.send('POST', `${h.siteA}/gateway/api/graphql`, { query: '{ me }' }, scoped());
  assert.equal(graphql.status, 401);
});

test('the start line hands out the scoped token with its scopes, beside the classic ones', () => {
  const c = h.sim.info.credentials;
  assert.deepEqual(c.scopedApiToken, {
    email: 'ada@acme.example',
    apiToken: TINY.scopedToken,
    accountId: TINY.admin,
    scopes: [...SCAN_TOKEN_SCOPES],
  });
  assert.ok(SCAN_TOKEN_SCOPES.includes('read:jira-user'));
  assert.equal(c.admin.apiToken, TINY.adminToken);
});
