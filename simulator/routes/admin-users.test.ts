import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { BIG, bigTenant, walkV1 } from './admin-test-tenant.ts';

const h = useHarness();
const big = useHarness({ tenant: bigTenant });

interface V1User {
  account_id: string;
  account_type: string;
  account_status: string;
  email: string;
  last_active?: string;
}

test('the v1 user list shows only managed Atlassian accounts, with a total', async () => {
  const body = await h.json<{ data: V1User[]; meta: { total: number } }>(`${h.orgV1}/users`, h.orgKey);
  // Not the external (unmanaged) account, the JSM customer or the two app accounts.
  assert.deepEqual(
    body.data.map((u) => u.account_id),
    [TINY.admin, TINY.member, TINY.inactive],
  );
  assert.deepEqual(body.meta, { total: 3 });
});

test('a v1 user carries status, billing, last activity and per-product access', async () => {
  const body = await h.json<{ data: V1User[] }>(`${h.orgV1}/users`, h.orgKey);
  assert.deepEqual(body.data[0], {
    account_id: TINY.admin,
    account_type: 'atlassian',
    account_status: 'active',
    name: 'Ada Admin',
    picture: 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/AA-0.png',
    email: 'ada@acme.example',
    access_billable: true,
    last_active: '2026-10-31T12:00:00.000Z',
    product_access: [
      { key: 'jira-software', name: 'Jira', url: h.siteA },
      { key: 'confluence', name: 'Confluence', url: `${h.siteA}/wiki` },
    ],
    links: { self: `${h.api}/users/${TINY.admin}/manage` },
  });
  const inactive = body.data.find((u) => u.account_id === TINY.inactive);
  assert.equal(inactive?.account_status, 'inactive');
  assert.equal((inactive as { access_billable?: boolean } | undefined)?.access_billable, false);
});

test('walking the v1 users by links.next returns every managed account once, 100 per page', async () => {
  const pages = await walkV1<V1User>(`${big.orgV1}/users`, big.orgKey);
  const managed = 3 + BIG.staff;
  assert.deepEqual(
    pages.map((p) => p.data.length),
    [100, 100, managed - 200],
  );
  const ids = pages.flatMap((p) => p.data.map((u) => u.account_id));
  assert.equal(new Set(ids).size, managed);
  assert.ok(pages.every((p) => p.meta?.total === managed));
  const users = pages.flatMap((p) => p.data);
  assert.ok(
    users.every((u) => u.email.endsWith('@acme.example')),
    'no guest (unmanaged) account',
  );
  // A synthetic user that was never active has no last_active at all, rather than null.
  const never = users.find((u) => u.account_id === `6a00${(11).toString(16).padStart(20, '0')}`);
  assert.ok(never && !('last_active' in never));
});
