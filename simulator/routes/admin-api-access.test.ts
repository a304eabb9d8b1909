import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCAN_TOKEN_SCOPES } from '../tenant/gen-org.ts';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

const h = useHarness({ resetBeforeEach: true });

/** A key scoped to read the token list only (the reset before each test removes it again). */
function addTokenReaderKey(): string {
  const state = h.sim.context.state;
  state.tenant.orgApiKeys.push({
    id: 'key-tokens',
    label: 'Token reader',
    secret: 'ATCTT3xTokenReaderKey',
    scopes: ['read:tokens:admin'],
    createdAt: '2026-10-01T00:00:00.000Z',
    expiry: null,
    lastUsed: null,
    revoked: false,
  });
  state.reindex();
  return 'Bearer ATCTT3xTokenReaderKey';
}
const v1 = () => `${h.api}/admin/api-access/v1/orgs/${TINY.orgId}`;

test('the org-wide token list gives each token its owner, status, dates and, for a scoped token, its scopes', async () => {
  const body = (await h.json(`${v1()}/api-tokens`, h.orgKey)) as { data: unknown[]; links: object };
  assert.deepEqual(body.data, [
    {
      id: 'tok-member',
      label: 'scripts',
      status: 'ALLOWED',
      createdAt: '2026-01-05T12:00:00.000Z',
      lastActiveAt: '2026-07-04T12:00:00.000Z',
      user: { id: TINY.member, orgId: TINY.orgId, name: 'Mo Member', email: 'mo@acme.example' },
    },
    {
      id: 'tok-admin',
      label: 'palisade',
      status: 'ALLOWED',
      createdAt: '2026-10-02T12:00:00.000Z',
      expiresAt: '2027-08-28T12:00:00.000Z',
      lastActiveAt: '2026-10-31T12:00:00.000Z',
      user: { id: TINY.admin, orgId: TINY.orgId, name: 'Ada Admin', email: 'ada@acme.example' },
    },
    {
      id: 'tok-admin-scoped',
      label: 'palisade (scoped)',
      status: 'ALLOWED',
      createdAt: '2026-10-22T12:00:00.000Z',
      expiresAt: '2026-11-21T12:00:00.000Z',
      lastActiveAt: '2026-10-31T12:00:00.000Z',
      user: { id: TINY.admin, orgId: TINY.orgId, name: 'Ada Admin', email: 'ada@acme.example' },
      scopes: [...SCAN_TOKEN_SCOPES],
    },
  ]);
  assert.equal(typeof (body.links as { self?: unknown }).self, 'string');
});

test('the key list gives each org API key its creator, expiry, last use and scopes', async () => {
  const body = (await h.json(`${v1()}/api-keys`, h.orgKey)) as { data: Record<string, unknown>[] };
  const byId = new Map(body.data.map((k) => [k.id, k]));
  const creator = { id: TINY.admin, name: 'Ada Admin', email: 'ada@acme.example' };
  const palisade = byId.get('key-unscoped');
  // The key just used to ask was active a moment ago, on the simulator's clock.
  assert.match(String(palisade?.lastActiveAt), /^2026-11-01T12:00/);
  assert.deepEqual(
    { ...palisade, lastActiveAt: undefined },
    {
      id: 'key-unscoped',
      label: 'Palisade',
      createdAt: '2026-10-12T12:00:00.000Z',
      expiresAt: '2027-01-10T12:00:00.000Z',
      lastActiveAt: undefined,
      resource: `ari:cloud:platform::org/${TINY.orgId}`,
      orgId: TINY.orgId,
      createdBy: creator,
    },
  );
  // Never used, never expires: no dates rather than nulls.
  assert.deepEqual(byId.get('key-scoped'), {
    id: 'key-scoped',
    label: 'Directory reader',
    createdAt: '2026-10-12T12:00:00.000Z',
    resource: `ari:cloud:platform::org/${TINY.orgId}`,
    orgId: TINY.orgId,
    createdBy: creator,
    scopes: ['read:directories:admin'],
  });
});

test('pageSize and the opaque cursor in links.next walk the list one item at a time', async () => {
  const ids: string[] = [];
  let url: string | undefined = `${v1()}/api-tokens?pageSize=1`;
  while (url) {
    const page = (await h.json(url, h.orgKey)) as { data: { id: string }[]; links: { next?: string } };
    assert.equal(page.data.length, 1);
    ids.push(...page.data.map((t) => t.id));
    url = page.links.next ? `${v1()}/api-tokens?pageSize=1&cursor=${page.links.next}` : undefined;
  }
  assert.deepEqual(ids, ['tok-member', 'tok-admin', 'tok-admin-scoped']);
});

test('a scoped key needs read:tokens:admin for tokens and read:keys:admin for keys; a key without scopes reads both', async () => {
  const directory = `Bearer ${TINY.scopedOrgKey}`;
  const tokens = addTokenReaderKey();
  assert.equal((await h.get(`${v1()}/api-tokens`, directory)).status, 403);
  assert.equal((await h.get(`${v1()}/api-keys`, directory)).status, 403);
  assert.equal((await h.get(`${v1()}/api-tokens`, tokens)).status, 200);
  assert.equal((await h.get(`${v1()}/api-keys`, tokens)).status, 403);
  assert.equal((await h.get(`${v1()}/api-keys`, h.orgKey)).status, 200);
  // No site credential reaches the admin API.
  assert.equal((await h.get(`${v1()}/api-tokens`, h.adminBasic)).status, 401);
});
