import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeCursor } from '../http/paginate.ts';
import { assertAdminError } from '../testing/admin-errors.ts';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { BIG, bigTenant, walkV1 } from './admin-test-tenant.ts';

const h = useHarness();
const big = useHarness({ tenant: bigTenant });

test('the org list shows the key’s organization with links to its domains and users', async () => {
  const body = await h.json<{ data: unknown[]; links: Record<string, string> }>(
    `${h.api}/admin/v1/orgs`,
    h.orgKey,
  );
  assert.deepEqual(body.data, [
    {
      id: TINY.orgId,
      type: 'orgs',
      attributes: { name: 'Acme Tiny' },
      relationships: {
        domains: { links: { related: `${h.orgV1}/domains` } },
        users: { links: { related: `${h.orgV1}/users` } },
      },
      links: { self: `${h.orgV1}` },
    },
  ]);
  assert.deepEqual(body.links, { self: `${h.api}/admin/v1/orgs` });
});

test('one organization is returned by id, wrapped in data', async () => {
  const body = await h.json<{ data: { id: string; attributes: { name: string } } }>(`${h.orgV1}`, h.orgKey);
  assert.equal(body.data.id, TINY.orgId);
  assert.equal(body.data.attributes.name, 'Acme Tiny');
});

test('an unknown organization is a 404 with code ADMIN-404-2 on every org resource', async () => {
  for (const path of [
    '',
    '/users',
    '/domains',
    '/events',
    '/policies',
    '/domains/x',
    '/events/x',
    '/policies/x',
  ]) {
    await assertAdminError(
      await h.get(`${h.api}/admin/v1/orgs/not-my-org${path}`, h.orgKey),
      404,
      'ADMIN-404-2',
      path,
    );
  }
  const v2 = await h.get(`${h.api}/admin/v2/orgs/not-my-org/directories`, h.orgKey);
  assert.equal(v2.status, 404);
});

test('domains show their claim type and the spec’s lower-case verification status', async () => {
  const body = await h.json<{ data: unknown[] }>(`${h.orgV1}/domains`, h.orgKey);
  assert.deepEqual(body.data, [
    {
      id: 'd0000000-0000-4000-8000-000000000001',
      type: 'domains',
      attributes: { name: 'acme.example', claim: { type: 'dns', status: 'verified' } },
      links: { self: `${h.orgV1}/domains/d0000000-0000-4000-8000-000000000001` },
    },
    {
      id: 'd0000000-0000-4000-8000-000000000002',
      type: 'domains',
      attributes: { name: 'acme-old.example', claim: { type: 'http', status: 'unverified' } },
      links: { self: `${h.orgV1}/domains/d0000000-0000-4000-8000-000000000002` },
    },
  ]);
});

test('one domain is returned by id, and an unknown domain is ADMIN-404-3', async () => {
  const one = await h.json<{ data: { attributes: { name: string } } }>(
    `${h.orgV1}/domains/d0000000-0000-4000-8000-000000000002`,
    h.orgKey,
  );
  assert.equal(one.data.attributes.name, 'acme-old.example');
  const res = await h.get(`${h.orgV1}/domains/d0000000-0000-4000-8000-0000000000ff`, h.orgKey);
  await assertAdminError(res, 404, 'ADMIN-404-3');
});

test('walking the domain pages by links.next returns every domain once, 20 per page', async () => {
  const url = `${big.orgV1}/domains`;
  const pages = await walkV1<{ id: string }>(url, big.orgKey);
  assert.deepEqual(
    pages.map((p) => p.data.length),
    [20, 20, 7],
  );
  const ids = pages.flatMap((p) => p.data.map((d) => d.id));
  assert.equal(ids.length, BIG.domains + 2);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(pages[0]?.links.prev, undefined);
  assert.match(pages[1]?.links.prev ?? '', /^http:\/\/.+\/domains\?cursor=/);
  assert.equal(pages[2]?.links.next, undefined);
});

test('a cursor the API did not issue is a 400 with code ADMIN-400-1', async () => {
  for (const cursor of [
    'garbage',
    encodeCursor('admin.events.list', 0),
    encodeCursor('admin.domains.list', -5),
  ]) {
    const res = await h.get(`${h.orgV1}/domains?cursor=${encodeURIComponent(cursor)}`, h.orgKey);
    await assertAdminError(res, 400, 'ADMIN-400-1', cursor);
  }
  const orgs = await h.get(`${h.api}/admin/v1/orgs?cursor=nope`, h.orgKey);
  assert.equal(orgs.status, 400);
});
