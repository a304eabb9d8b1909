import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAdminError } from '../testing/admin-errors.ts';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { BIG, bigTenant, walkV2 } from './admin-test-tenant.ts';

const h = useHarness();
const big = useHarness({ tenant: bigTenant });
const atlassianDir = 'e0000000-0000-4000-8000-000000000001';

interface DirUser {
  accountId: string;
  accountStatus: string;
  claimStatus: string;
  managementSource: string | null;
}
interface DirGroup {
  id: string;
  directoryId: string;
  externalSynced: boolean;
}
const days = (n: number) => new Date(Date.parse('2026-11-01T12:00:00Z') - n * 86_400_000).toISOString();
const accountIds = (page: { data: DirUser[] }) => page.data.map((u) => u.accountId);

test('the directory list names the org’s directories', async () => {
  const body = await h.json<{ data: unknown[]; links: { next?: string } }>(
    `${h.orgV2}/directories`,
    h.orgKey,
  );
  assert.deepEqual(body.data, [{ directoryId: atlassianDir, name: 'Acme Tiny' }]);
  assert.equal(body.links.next, undefined);
  const pages = await walkV2<{ directoryId: string }>(`${big.orgV2}/directories?limit=1`, big.orgKey);
  assert.deepEqual(
    pages.flatMap((p) => p.data.map((d) => d.directoryId)),
    [atlassianDir, BIG.scimDirectoryId],
  );
});

test('directory users are every Atlassian account, managed or not, and no app or customer', async () => {
  const body = await h.json<{ data: DirUser[] }>(`${h.orgV2}/directories/-/users`, h.orgKey);
  assert.deepEqual(accountIds(body), [TINY.admin, TINY.member, TINY.external, TINY.inactive]);
});

test('a directory user shows 2SV, roles, claim and membership status, and last activity', async () => {
  const body = await h.json<{ data: DirUser[] }>(`${h.orgV2}/directories/-/users`, h.orgKey);
  assert.deepEqual(
    body.data.find((u) => u.accountId === TINY.external),
    {
      accountId: TINY.external,
      accountType: 'atlassian',
      accountStatus: 'active',
      membershipStatus: 'active',
      status: 'active',
      addedToOrg: days(400),
      name: 'Eve External',
      nickname: 'Eve',
      email: 'eve@gmail.com',
      emailVerified: true,
      claimStatus: 'unmanaged',
      managementSource: null,
      platformRoles: [],
      mfaEnabled: false,
      avatar: 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/EE-0.png',
      department: null,
      timeZone: 'Europe/Berlin',
      lastActive: days(200),
      counts: { resources: 2 },
      links: { self: `${h.orgV2}/directories/${atlassianDir}/users/${TINY.external}` },
    },
  );
  const admin = body.data.find((u) => u.accountId === TINY.admin) as { platformRoles?: string[] } | undefined;
  assert.deepEqual(admin?.platformRoles, ['atlassian/org-admin']);
  const inactive = body.data.find((u) => u.accountId === TINY.inactive) as { status?: string } | undefined;
  assert.equal(inactive?.status, 'deactivated');
});

test('directory user filters narrow by status, claim, e-mail domain, group and account id', async () => {
  const users = `${h.orgV2}/directories/-/users`;
  const get = async (q: string) => accountIds(await h.json<{ data: DirUser[] }>(`${users}?${q}`, h.orgKey));
  assert.deepEqual(await get('accountStatus=inactive'), [TINY.inactive]);
  assert.deepEqual(await get('accountStatus[]=inactive'), [TINY.inactive]);
  assert.deepEqual(await get('accountStatus=inactive&accountStatus=closed'), [TINY.inactive]);
  assert.deepEqual(await get('claimStatus=unmanaged'), [TINY.external]);
  assert.deepEqual(await get('emailDomains=GMAIL.com'), [TINY.external]);
  assert.deepEqual(await get('groupIds=0a000000-0000-4000-8000-000000000003'), [
    TINY.admin,
    TINY.member,
    TINY.external,
  ]);
  assert.deepEqual(await get(`accountIds=${TINY.member},${TINY.customer}`), [TINY.member]);
  assert.deepEqual(await get('membershipStatus=suspended'), []);
});

test('a directory id selects its own users; `-` selects every directory', async () => {
  const all = (await walkV2<DirUser>(`${big.orgV2}/directories/-/users?limit=500`, big.orgKey)).flatMap(
    (p) => p.data,
  );
  const total = 4 + BIG.staff + BIG.externals;
  assert.equal(all.length, total);
  const synced = (
    await walkV2<DirUser>(`${big.orgV2}/directories/${BIG.scimDirectoryId}/users`, big.orgKey)
  ).flatMap((p) => p.data);
  assert.equal(synced.length, BIG.staff / 5);
  assert.ok(synced.every((u) => u.managementSource === 'synced'));
  const local = (await walkV2<DirUser>(`${big.orgV2}/directories/${atlassianDir}/users`, big.orgKey)).flatMap(
    (p) => p.data,
  );
  assert.equal(local.length + synced.length, total);
  const only = await big.json<{ data: DirUser[] }>(
    `${big.orgV2}/directories/-/users?directoryIds=${BIG.scimDirectoryId}&limit=500`,
    big.orgKey,
  );
  assert.equal(only.data.length, synced.length);
});

test('walking directory users returns each once at several page sizes, 100 at most', async () => {
  const total = 4 + BIG.staff + BIG.externals;
  for (const limit of [7, 100, 500]) {
    const pages = await walkV2<DirUser>(`${big.orgV2}/directories/-/users?limit=${limit}`, big.orgKey);
    // `limit` above 100 is served as 100, as Atlassian caps it.
    const size = Math.min(limit, 100);
    assert.equal(pages.length, Math.ceil(total / size), `limit ${limit}`);
    assert.ok(pages.slice(0, -1).every((p) => p.data.length === size));
    const ids = pages.flatMap((p) => p.data.map((u) => u.accountId));
    assert.equal(ids.length, total);
    assert.equal(new Set(ids).size, total);
  }
  const first = await big.json<{ data: DirUser[] }>(`${big.orgV2}/directories/-/users`, big.orgKey);
  assert.equal(first.data.length, 100, 'default page size');
});

test('a filtered walk stays filtered', async () => {
  const pages = await walkV2<DirUser>(
    `${big.orgV2}/directories/-/users?claimStatus=unmanaged&limit=15`,
    big.orgKey,
  );
  const users = pages.flatMap((p) => p.data);
  assert.equal(users.length, BIG.externals + 1);
  assert.ok(users.every((u) => u.claimStatus === 'unmanaged'));
});

test('an unknown directory is a 404, and a bad limit or cursor is a 400', async () => {
  assert.equal((await h.get(`${h.orgV2}/directories/nope/users`, h.orgKey)).status, 404);
  assert.equal((await h.get(`${h.orgV2}/directories/nope/groups`, h.orgKey)).status, 404);
  for (const q of ['limit=0', 'limit=abc', 'limit=-3', 'cursor=not-a-cursor']) {
    const res = await h.get(`${h.orgV2}/directories/-/users?${q}`, h.orgKey);
    assert.equal(res.status, 400, q);
  }
  await assertAdminError(
    await h.get(`${h.orgV2}/directories/-/groups?cursor=xyz`, h.orgKey),
    400,
    'ADMIN-400-1',
  );
});

test('directory groups show member and resource counts and who manages them', async () => {
  const body = await h.json<{ data: DirGroup[] }>(`${h.orgV2}/directories/-/groups`, h.orgKey);
  assert.equal(body.data.length, 4);
  assert.deepEqual(
    body.data.find((g) => g.id === '0a000000-0000-4000-8000-000000000004'),
    {
      id: '0a000000-0000-4000-8000-000000000004',
      name: 'atlassian-addons-admin',
      description: 'App accounts',
      directoryId: atlassianDir,
      externalSynced: false,
      managedBy: 'admins',
      managementAccess: { readable: true, modifiable: true, deletable: true },
      counts: { users: 2, resources: 1 },
      links: { self: `${h.orgV2}/directories/${atlassianDir}/groups/0a000000-0000-4000-8000-000000000004` },
    },
  );
});

test('walking directory groups returns each once; synced groups live in the SCIM directory', async () => {
  const total = 4 + BIG.groups;
  for (const limit of [10, 100]) {
    const pages = await walkV2<DirGroup>(`${big.orgV2}/directories/-/groups?limit=${limit}`, big.orgKey);
    const ids = pages.flatMap((p) => p.data.map((g) => g.id));
    assert.equal(ids.length, total, `limit ${limit}`);
    assert.equal(new Set(ids).size, total);
  }
  const scim = (
    await walkV2<DirGroup>(`${big.orgV2}/directories/${BIG.scimDirectoryId}/groups`, big.orgKey)
  ).flatMap((p) => p.data);
  assert.equal(scim.length, Math.floor(BIG.groups / 4));
  assert.ok(scim.every((g) => g.externalSynced && g.directoryId === BIG.scimDirectoryId));
});

test('a key scoped to read:directories:admin reads directories, users and groups', async () => {
  const scoped = `Bearer ${TINY.scopedOrgKey}`;
  for (const path of ['/directories', '/directories/-/users', '/directories/-/groups']) {
    assert.equal((await h.get(`${h.orgV2}${path}`, scoped)).status, 200, path);
  }
});

/** Every page of a v2 search, following `links.next` in the body. */
async function walkSearch<T>(
  harness: typeof h,
  path: string,
  body: Record<string, unknown>,
): Promise<{ data: T[]; pages: number }> {
  const data: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const res = await harness.send(
      'POST',
      `${harness.orgV2}${path}`,
      { ...body, ...(cursor ? { cursor } : {}) },
      harness.orgKey,
    );
    assert.equal(res.status, 200, await res.clone().text());
    const page = (await res.json()) as { data: T[]; links: { next?: string } };
    data.push(...page.data);
    pages++;
    if (!page.links.next) return { data, pages };
    cursor = page.links.next;
  }
}

test('the users search lists what the list does, 50 a page by default and 100 at most', async () => {
  const total = 4 + BIG.staff + BIG.externals;
  const all = await walkSearch<DirUser>(big, '/directories/-/users/search', {});
  assert.equal(all.data.length, total);
  assert.equal(new Set(all.data.map((u) => u.accountId)).size, total);
  assert.equal(all.pages, Math.ceil(total / 50));
  const big500 = await walkSearch<DirUser>(big, '/directories/-/users/search', { limit: 500 });
  assert.equal(big500.pages, Math.ceil(total / 100));
  const unmanaged = await walkSearch<DirUser>(big, '/directories/-/users/search', {
    claimStatus: 'unmanaged',
    limit: 15,
  });
  assert.equal(unmanaged.data.length, BIG.externals + 1);
});

test('the users search expands roles, resource counts, per-product activity and groups only when asked', async () => {
  const plain = await walkSearch<Record<string, unknown>>(h, '/directories/-/users/search', {
    accountIds: [TINY.external],
  });
  const eve = plain.data[0];
  assert.equal(eve?.accountId, TINY.external);
  for (const field of ['platformRoles', 'counts', 'productAccess', 'groups'])
    assert.equal(field in (eve ?? {}), false, field);
  const expanded = await walkSearch<Record<string, unknown>>(h, '/directories/-/users/search', {
    accountIds: [TINY.external],
    expand: ['platformRoles', 'counts.resources', 'productAccess', 'groups'],
  });
  const full = expanded.data[0] as {
    platformRoles: unknown;
    counts: unknown;
    productAccess: { key: string }[];
    groups: { name: string }[];
  };
  assert.deepEqual(full.platformRoles, []);
  assert.deepEqual(full.counts, { resources: 2 });
  assert.deepEqual(full.productAccess.map((a) => a.key).sort(), ['confluence', 'jira']);
  assert.ok(full.groups.length > 0 && full.groups.every((g) => typeof g.name === 'string'));
});

test('the users search finds by exact e-mail or by a term, never both at once', async () => {
  const byEmail = await walkSearch<DirUser>(h, '/directories/-/users/search', { emails: ['EVE@gmail.com'] });
  assert.deepEqual(accountIds(byEmail), [TINY.external]);
  const byTerm = await walkSearch<DirUser>(h, '/directories/-/users/search', { searchTerm: 'eve' });
  assert.deepEqual(accountIds(byTerm), [TINY.external]);
  await assertAdminError(
    await h.send(
      'POST',
      `${h.orgV2}/directories/-/users/search`,
      { searchTerm: 'eve', emails: ['eve@gmail.com'] },
      h.orgKey,
    ),
    400,
    'ADMIN-400-4',
  );
  await assertAdminError(
    await h.send('POST', `${h.orgV2}/directories/-/users/search`, { accountIds: 7 }, h.orgKey),
    400,
    'ADMIN-400-4',
  );
});

test('the groups search lists every group, with counts only when expanded and names matched exactly', async () => {
  const total = 4 + BIG.groups;
  const all = await walkSearch<DirGroup & { counts?: unknown }>(big, '/directories/-/groups/search', {});
  assert.equal(all.data.length, total);
  assert.equal(all.pages, Math.ceil(total / 20), '20 a page by default');
  assert.ok(all.data.every((g) => g.counts === undefined));
  const counted = await walkSearch<{ name: string; counts?: unknown }>(h, '/directories/-/groups/search', {
    groupNames: ['ATLASSIAN-ADDONS-ADMIN'],
    expand: ['counts.users'],
  });
  assert.deepEqual(
    counted.data.map((g) => [g.name, g.counts]),
    [['atlassian-addons-admin', { users: 2 }]],
  );
  const res = await h.send(
    'POST',
    `${h.orgV2}/directories/-/groups/search`,
    { groupNames: ['x'], searchTerm: 'x' },
    h.orgKey,
  );
  assert.equal(res.status, 400);
});

test('a search asked for a page larger than the tenant can build in 10 s answers 409', async () => {
  const res = await h.send('PUT', `${h.control}/faults`, {
    rules: [{ endpoints: ['admin.directory.users.search'], slowPageAbove: 30 }],
  });
  assert.equal(res.status, 200);
  try {
    const slow = await h.send('POST', `${h.orgV2}/directories/-/users/search`, { limit: 100 }, h.orgKey);
    assert.equal(slow.status, 409);
    assert.match(await slow.text(), /longer than 10 seconds/);
    const fine = await h.send('POST', `${h.orgV2}/directories/-/users/search`, { limit: 30 }, h.orgKey);
    assert.equal(fine.status, 200);
  } finally {
    await h.send('DELETE', `${h.control}/faults`, undefined);
  }
});

test('a key scoped to read:directories:admin may search users and groups', async () => {
  const scoped = `Bearer ${TINY.scopedOrgKey}`;
  for (const path of ['/directories/-/users/search', '/directories/-/groups/search']) {
    assert.equal((await h.send('POST', `${h.orgV2}${path}`, {}, scoped)).status, 200, path);
  }
});
