import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

const h = useHarness({
  setup: (h) => {
    // A second scoped key, for the audit log and policies only.
    const state = h.sim.context.state;
    state.tenant.orgApiKeys.push({
      id: 'key-audit',
      label: 'Audit reader',
      secret: 'ATCTT3xAuditKey',
      scopes: ['read:events:admin', 'read:policies:admin'],
      createdAt: '2026-10-01T00:00:00.000Z',
      expiry: null,
      lastUsed: null,
      revoked: false,
    });
    state.reindex();
  },
});

const ORG_ENDPOINTS = [
  '/users',
  '/domains',
  '/domains/d0000000-0000-4000-8000-000000000001',
  '/events',
  '/events/ev000000-0000-4000-8000-000000000001',
  '/policies',
  '/policies/p0000000-0000-4000-8000-000000000001',
];

function call(path: string, authorization?: string): Promise<Response> {
  if (path === 'workspaces') return h.send('POST', `${h.orgV2}/workspaces`, {}, authorization);
  return h.get(path.startsWith('/directories') ? `${h.orgV2}${path}` : `${h.orgV1}${path}`, authorization);
}
const everything = [
  '',
  ...ORG_ENDPOINTS,
  '/directories',
  '/directories/-/users',
  '/directories/-/groups',
  'workspaces',
];

test('every admin endpoint answers 401 in the gateway’s format without a key', async () => {
  for (const path of everything) {
    const res = await call(path);
    assert.equal(res.status, 401, path);
    const body = (await res.json()) as { code: number; message: string };
    assert.equal(body.code, 401, path);
    assert.equal(typeof body.message, 'string');
  }
  assert.equal((await h.get(`${h.api}/admin/v1/orgs`)).status, 401);
});

test('a wrong key, a Basic API token or a revoked key is a 401', async () => {
  for (const path of everything) {
    assert.equal((await call(path, 'Bearer not-a-real-key')).status, 401, path);
    assert.equal((await call(path, h.adminBasic)).status, 401, path);
  }
  const key = h.sim.context.state.tenant.orgApiKeys.find((k) => k.id === 'key-audit');
  assert.ok(key);
  key.revoked = true;
  try {
    assert.equal((await call('/events', 'Bearer ATCTT3xAuditKey')).status, 401);
  } finally {
    key.revoked = false;
  }
});

test('a key scoped to directories gets NoPerms 403 on the audit log, policies, domains, v1 users and workspaces', async () => {
  const scoped = `Bearer ${TINY.scopedOrgKey}`;
  for (const path of [...ORG_ENDPOINTS, 'workspaces']) {
    const res = await call(path, scoped);
    assert.equal(res.status, 403, path);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.status, 403);
    assert.equal(body.error, 'Forbidden');
    assert.equal(body.message, 'User has no permission to access resource.');
    assert.equal(typeof body.requestId, 'string');
    assert.match(String(body.path), /^\/admin\/v[12]\/orgs\//);
  }
  // Finding its own org needs no scope.
  assert.equal((await h.get(`${h.api}/admin/v1/orgs`, scoped)).status, 200);
  assert.equal((await h.get(h.orgV1, scoped)).status, 200);
});

test('a key scoped to events and policies reads policies only: the v1 events API refuses every scoped key', async () => {
  const audit = 'Bearer ATCTT3xAuditKey';
  assert.equal((await call('/policies', audit)).status, 200);
  for (const path of [
    '/events',
    '/events/ev000000-0000-4000-8000-000000000001',
    '/users',
    '/domains',
    '/directories/-/users',
    'workspaces',
  ]) {
    assert.equal((await call(path, audit)).status, 403, path);
  }
});

test('the scope check comes before the org lookup, so a foreign org id is still a 403', async () => {
  const res = await h.get(`${h.api}/admin/v1/orgs/someone-else/events`, `Bearer ${TINY.scopedOrgKey}`);
  assert.equal(res.status, 403);
});

test('the unscoped key reaches every admin endpoint', async () => {
  for (const path of everything) {
    assert.equal((await call(path, h.orgKey)).status, 200, path);
  }
});
