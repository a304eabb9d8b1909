import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import type { SiteRef } from '../../atlassian/api.ts';
import type { AtlassianClient } from '../../atlassian/client.ts';
import { collector as confluenceAnonymousCollector } from './confluence-anonymous.ts';
import { collector as confluenceAuditCollector } from './confluence-audit.ts';
import { collector as confluenceGroupsCollector } from './confluence-groups.ts';
import { collector as confluenceSpacesCollector } from './confluence-spaces.ts';
import { collector as confluenceSystemInfoCollector } from './confluence-system-info.ts';
import { adminAccess, client, resetServed, runCollector, served, tinySites } from './test-support.ts';

// Confluence datasets against the tiny tenant's acme site: ENG (group read, admin administers),
// PUBLIC (anonymous and unlicensed read), ARCH (archived, no permissions); site-wide anonymous
// access is on.

let h: Harness;
let api: AtlassianClient;
let site: SiteRef;

before(async () => {
  h = await startHarness();
  api = client(h);
  [site] = tinySites(h) as [SiteRef];
});
after(async () => {
  await api.close();
  await h.stop();
});

type Rec = Record<string, unknown>;
const records = (pages: { items: { data: unknown }[] }[]) =>
  pages.flatMap((p) => p.items.map((i) => i.data as Rec));

test('one v1 walk gives every space with its permissions, anonymous and unlicensed access included', async () => {
  await resetServed(h);
  // As Ada, a Confluence administrator: ARCH's empty permission list is taken as it is.
  const access = adminAccess([site])[site.cloudId];
  const pages = await runCollector(confluenceSpacesCollector, { api, site, ...(access ? { access } : {}) });
  const spaces = records(pages);
  assert.deepEqual(await served(h), { 'confluence.spacesWithPermissions.list': 1 });
  assert.equal((pages.at(-1) as { partial?: unknown }).partial, undefined);
  const byKey = new Map(spaces.map((s) => [s.key, s]));
  const pub = byKey.get('PUBLIC');
  assert.equal(pub?.anonymousAccess, true);
  assert.equal(pub?.unlicensedAccess, true);
  assert.deepEqual(
    ((pub?.permissions ?? []) as Rec[]).map((p) => [p.subjectType, p.operation, p.targetType]),
    [
      ['anonymous', 'read', 'space'],
      ['unlicensed', 'read', 'space'],
    ],
  );
  const eng = byKey.get('ENG');
  assert.equal(eng?.anonymousAccess, false);
  assert.deepEqual(eng?.permissions, [
    {
      operation: 'read',
      targetType: 'space',
      subjectType: 'group',
      accountId: null,
      groupId: '0a000000-0000-4000-8000-000000000003',
      groupName: 'confluence-users-acme',
    },
    {
      operation: 'administer',
      targetType: 'space',
      subjectType: 'user',
      accountId: TINY.admin,
      groupId: null,
      groupName: null,
    },
  ]);
  assert.equal(byKey.get('ARCH')?.status, 'archived');
});

test('the anonymous probe sees site-wide anonymous access and the PUBLIC space, without credentials', async () => {
  await resetServed(h);
  const [anonymous] = records(await runCollector(confluenceAnonymousCollector, { api, site }));
  assert.deepEqual(anonymous, {
    siteAccess: true,
    operations: [{ operation: 'use', targetType: 'application' }],
    visibleSpaceKeys: ['PUBLIC'],
  });
  assert.deepEqual(await served(h), {
    'confluence.anonymousUser.get': 1,
    'confluence.spacesWithPermissions.list': 1,
  });

  // The same through a client holding no credential at all: nothing but anonymous calls.
  const bare = client(h, {});
  try {
    const [again] = records(await runCollector(confluenceAnonymousCollector, { api: bare, site }));
    assert.deepEqual(again, anonymous);
  } finally {
    await bare.close();
  }
});

test('with “Anonymous access to remote API” off, the refusal is recorded and the credential reads what anonymous may do', async () => {
  const remoteApi = (enabled: boolean) =>
    h.send('POST', `${h.control}/tenant/anonymous-access`, {
      kind: 'confluence-remote-api',
      site: 'acme',
      enabled,
    });
  assert.equal((await remoteApi(false)).status, 200);
  const bare = client(h, {});
  try {
    await resetServed(h);
    const [refused] = records(await runCollector(confluenceAnonymousCollector, { api, site }));
    assert.deepEqual(refused, {
      siteAccess: true,
      operations: [{ operation: 'use', targetType: 'application' }],
      visibleSpaceKeys: [],
      anonymousRefused: true,
    });
    // The anonymous probe (refused), then the same question with the site credential; no listing.
    assert.deepEqual(await served(h), { 'confluence.anonymousUser.get': 2 });

    // Without a credential that may ask, what anonymous may do in the browser stays unknown.
    const [unknown] = records(await runCollector(confluenceAnonymousCollector, { api: bare, site }));
    assert.deepEqual(unknown, {
      siteAccess: null,
      operations: [],
      visibleSpaceKeys: [],
      anonymousRefused: true,
    });
  } finally {
    await remoteApi(true);
    await bare.close();
  }
});

/** Retires the v1 space listing (Atlassian answers a removed endpoint with 410 Gone) for `run`. */
async function withV1Retired<T>(status: 404 | 410, run: () => Promise<T>): Promise<T> {
  const rules = [{ endpoints: ['confluence.spacesWithPermissions.list'], errorRate: 1, errorStatus: status }];
  const res = await h.send('PUT', `${h.control}/faults`, { rules });
  assert.equal(res.status, 200, await res.text());
  try {
    return await run();
  } finally {
    await h.send('DELETE', `${h.control}/faults`, undefined);
  }
}

test('when the v1 space listing is gone, v2 spaces and permissions give the same spaces and access', async () => {
  const v1 = records(await runCollector(confluenceSpacesCollector, { api, site }));
  for (const status of [410, 404] as const) {
    await resetServed(h);
    const v2 = records(
      await withV1Retired(status, () => runCollector(confluenceSpacesCollector, { api, site })),
    );
    assert.deepEqual(await served(h), {
      'confluence.spacesWithPermissions.list': 1,
      'confluence.spaces.list': 1,
      'confluence.spacePermissions.list': 3,
    });
    // v2 names groups by id only; everything else, anonymous and unlicensed access included, agrees.
    const withoutGroupNames = v1.map(
      (s): Rec => ({
        ...s,
        permissions: (s.permissions as Rec[]).map((p) => ({ ...p, groupName: null })),
      }),
    );
    assert.deepEqual(
      [...v2].sort((a, b) => String(a.key).localeCompare(String(b.key))),
      [...withoutGroupNames].sort((a, b) => String(a.key).localeCompare(String(b.key))),
    );
    const pub = v2.find((s) => s.key === 'PUBLIC');
    assert.equal(pub?.anonymousAccess, true, `${status}`);
    assert.equal(pub?.unlicensedAccess, true, `${status}`);
  }
});

test('a v2 reading resumes through v2 from its checkpoint, without asking v1 again', async () => {
  const first = await api
    .pages('confluence.spaces.list', { site, pageSize: 1 })
    [Symbol.asyncIterator]()
    .next();
  assert.ok(!first.done && first.value.next);
  const firstKey = String((first.value.items[0] as { key: string }).key);
  await resetServed(h);
  const rest = records(
    await runCollector(confluenceSpacesCollector, { api, site, resumeFrom: `v2:${first.value.next}` }),
  );
  assert.deepEqual([firstKey, ...rest.map((s) => String(s.key))].sort(), ['ARCH', 'ENG', 'PUBLIC']);
  assert.equal((await served(h))['confluence.spacesWithPermissions.list'], undefined);
});

test('through v2 as through v1, an empty permission list is partial unless the credential is a Confluence administrator', async () => {
  const admin = adminAccess([site])[site.cloudId];
  assert.ok(admin);
  const lastPage = (access: typeof admin) =>
    withV1Retired(410, () => runCollector(confluenceSpacesCollector, { api, site, access })).then(
      (pages) => pages.at(-1) as { partial?: { reason: string; missing?: string } },
    );
  assert.equal((await lastPage(admin)).partial, undefined);
  const notAdmin = await lastPage({ ...admin, confluenceAdmin: false, role: 'user' });
  assert.equal(notAdmin.partial?.missing, 'Confluence administrator');
  assert.match(notAdmin.partial?.reason ?? '', /permissions of 1 of 3 spaces came back empty/);
});

test('the anonymous probe lists public spaces through v2 when the v1 listing is gone', async () => {
  await resetServed(h);
  const [anonymous] = records(
    await withV1Retired(410, () => runCollector(confluenceAnonymousCollector, { api, site })),
  );
  assert.deepEqual(anonymous?.visibleSpaceKeys, ['PUBLIC']);
  assert.deepEqual(await served(h), {
    'confluence.anonymousUser.get': 1,
    'confluence.spacesWithPermissions.list': 1,
    'confluence.spaces.list': 1,
  });
});

test('groups are those conferring Confluence access on the site', async () => {
  const groups = records(await runCollector(confluenceGroupsCollector, { api, site }));
  assert.deepEqual(
    groups.map((g) => [g.name, g.accessTypes]),
    [
      ['confluence-users-acme', ['user']],
      ['site-admins', ['site-admin']],
    ],
  );
});

test('system info gives the edition (plan) and the audit log its records, keyed by a stable hash', async () => {
  const [info] = records(await runCollector(confluenceSystemInfoCollector, { api, site }));
  assert.equal(info?.edition, 'premium');
  assert.equal(info?.cloudId, TINY.siteA);

  const first = await runCollector(confluenceAuditCollector, { api, site });
  const second = await runCollector(confluenceAuditCollector, { api, site });
  const [record] = records(first);
  assert.equal(record?.summary, 'Space permission added');
  assert.equal(record?.authorAccountId, TINY.admin);
  assert.equal(first[0]?.items[0]?.key, second[0]?.items[0]?.key);
  assert.equal(first.at(-1)?.cursor, '2026-10-29T12:00:00.000Z');
  const later = records(
    await runCollector(confluenceAuditCollector, { api, site, since: '2026-10-30T00:00:00Z' }),
  );
  assert.deepEqual(later, []);
});
