import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

const h = useHarness();
const tokensOf = (accountId: string) => `${h.api}/users/${accountId}/manage/api-tokens`;

test('a managed account’s API tokens list label, creation, last use and expiry', async () => {
  assert.deepEqual(await h.json(tokensOf(TINY.admin), h.orgKey), [
    {
      id: 'tok-admin',
      label: 'palisade',
      createdAt: '2026-10-02T12:00:00.000Z',
      lastAccess: '2026-10-31T12:00:00.000Z',
      expiry: '2027-08-28T12:00:00.000Z',
    },
    {
      id: 'tok-admin-scoped',
      label: 'palisade (scoped)',
      createdAt: '2026-10-22T12:00:00.000Z',
      lastAccess: '2026-10-31T12:00:00.000Z',
      expiry: '2026-11-21T12:00:00.000Z',
    },
  ]);
  // A token that never expires has no expiry field rather than null.
  assert.deepEqual(await h.json(tokensOf(TINY.member), h.orgKey), [
    {
      id: 'tok-member',
      label: 'scripts',
      createdAt: '2026-01-05T12:00:00.000Z',
      lastAccess: '2026-07-04T12:00:00.000Z',
    },
  ]);
  assert.deepEqual(await h.json(tokensOf(TINY.inactive), h.orgKey), []);
});

test('an account the org does not manage is 403 forbidden.action; an unknown one is 404', async () => {
  for (const accountId of [TINY.external, TINY.customer, TINY.appConnect]) {
    const res = await h.get(tokensOf(accountId), h.orgKey);
    assert.equal(res.status, 403, accountId);
    assert.deepEqual(await res.json(), {
      key: 'forbidden.action',
      context: { allowed: false, reason: { key: 'managedAccount' } },
    });
  }
  const missing = await h.get(tokensOf('5b10a2844c2016570000dead'), h.orgKey);
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { key: 'accountNotFound' });
});

test('only an unscoped org key reaches the API: a scoped key is 403, no key or a token is 401', async () => {
  const scoped = await h.get(tokensOf(TINY.admin), `Bearer ${TINY.scopedOrgKey}`);
  assert.equal(scoped.status, 403);
  // The spec's Forbidden body: `{key: 'forbidden'}`.
  assert.deepEqual(await scoped.json(), { key: 'forbidden' });
  assert.equal((await h.get(tokensOf(TINY.admin))).status, 401);
  assert.equal((await h.get(tokensOf(TINY.admin), 'Bearer wrong')).status, 401);
  assert.equal((await h.get(tokensOf(TINY.admin), h.adminBasic)).status, 401);
  const del = await h.send(
    'DELETE',
    `${tokensOf(TINY.member)}/tok-member`,
    undefined,
    `Bearer ${TINY.scopedOrgKey}`,
  );
  assert.equal(del.status, 403);
  assert.equal(h.sim.context.state.tokensBySecret.get(TINY.memberToken)?.revoked, false);
});

test('deleting an unknown token, or another account’s token, is 404 notFound', async () => {
  for (const url of [`${tokensOf(TINY.member)}/tok-nope`, `${tokensOf(TINY.member)}/tok-admin`]) {
    const res = await h.send('DELETE', url, undefined, h.orgKey);
    assert.equal(res.status, 404, url);
    assert.deepEqual(await res.json(), { key: 'notFound' });
  }
  assert.equal(h.sim.context.state.tokensBySecret.get(TINY.adminToken)?.revoked, false);
});

test('deleting a token revokes it: it leaves the list and Basic auth with it stops working', async () => {
  const myself = `${h.siteA}/rest/api/3/myself`;
  const before = await h.get(myself, h.memberBasic);
  const writesBefore = h.sim.context.counters.writes.length;

  const res = await h.send('DELETE', `${tokensOf(TINY.member)}/tok-member`, undefined, h.orgKey);
  assert.equal(res.status, 204);
  assert.equal(await res.text(), '');
  assert.deepEqual(await h.json(tokensOf(TINY.member), h.orgKey), []);
  assert.equal(h.sim.context.state.tokensBySecret.get(TINY.memberToken)?.revoked, true);
  const writes = h.sim.context.counters.writes.slice(writesBefore);
  assert.deepEqual(
    writes.map((w) => [w.endpointId, w.method, w.status]),
    [['usermgmt.apiTokens.delete', 'DELETE', 204]],
  );

  // The Jira routes may not be served yet (another module); when they are, the revoked token
  // must be refused there too. Until then the revoked flag above is what Basic auth checks.
  if (before.status !== 404) {
    assert.equal(before.status, 200);
    assert.equal((await h.get(myself, h.memberBasic)).status, 401);
  }
  // A second delete of the same token finds nothing.
  const again = await h.send('DELETE', `${tokensOf(TINY.member)}/tok-member`, undefined, h.orgKey);
  assert.equal(again.status, 404);
});
