import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import type { SiteRef } from '../../atlassian/api.ts';
import type { AtlassianClient } from '../../atlassian/client.ts';
import { confluenceAnonymousCollector } from './confluence-anonymous.ts';
import { confluenceAuditCollector } from './confluence-audit.ts';
import { confluenceGroupsCollector } from './confluence-groups.ts';
import { confluenceSpacesCollector } from './confluence-spaces.ts';
import { confluenceSystemInfoCollector } from './confluence-system-info.ts';
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
  const pages = await runCollector(confluenceSpacesCollector(), { api, site, ...(access ? { access } : {}) });
  const spaces = records(pages);
  assert.deepEqual(await served(h), { 'confluence.spacesWithPermissions': 1 });
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
  const [anonymous] = records(await runCollector(confluenceAnonymousCollector(), { api, site }));
  assert.deepEqual(anonymous, {
    siteAccess: true,
    operations: [{ operation: 'use', targetType: 'application' }],
    visibleSpaceKeys: ['PUBLIC'],
  });
  assert.deepEqual(await served(h), { 'confluence.anonymousUser': 1, 'confluence.spacesWithPermissions': 1 });

  // The same through a client holding no credential at all: nothing but anonymous calls.
  const bare = client(h, {});
  try {
    const [again] = records(await runCollector(confluenceAnonymousCollector(), { api: bare, site }));
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
    const [refused] = records(await runCollector(confluenceAnonymousCollector(), { api, site }));
    assert.deepEqual(refused, {
      siteAccess: true,
      operations: [{ operation: 'use', targetType: 'application' }],
      visibleSpaceKeys: [],
      anonymousRefused: true,
    });
    // The anonymous probe (refused), then the same question with the site credential; no listing.
    assert.deepEqual(await served(h), { 'confluence.anonymousUser': 2 });

    // Without a credential that may ask, what anonymous may do in the browser stays unknown.
    const [unknown] = records(await runCollector(confluenceAnonymousCollector(), { api: bare, site }));
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

test('groups are those conferring Confluence access on the site', async () => {
  const groups = records(await runCollector(confluenceGroupsCollector(), { api, site }));
  assert.deepEqual(
    groups.map((g) => [g.name, g.accessTypes]),
    [
      ['confluence-users-acme', ['user']],
      ['site-admins', ['site-admin']],
    ],
  );
});

test('system info gives the edition (plan) and the audit log its records, keyed by a stable hash', async () => {
  const [info] = records(await runCollector(confluenceSystemInfoCollector(), { api, site }));
  assert.equal(info?.edition, 'premium');
  assert.equal(info?.cloudId, TINY.siteA);

  const first = await runCollector(confluenceAuditCollector(), { api, site });
  const second = await runCollector(confluenceAuditCollector(), { api, site });
  const [record] = records(first);
  assert.equal(record?.summary, 'Space permission added');
  assert.equal(record?.authorAccountId, TINY.admin);
  assert.equal(first[0]?.items[0]?.key, second[0]?.items[0]?.key);
  assert.equal(first.at(-1)?.cursor, '2026-10-29T12:00:00.000Z');
  const later = records(
    await runCollector(confluenceAuditCollector(), { api, site, since: '2026-10-30T00:00:00Z' }),
  );
  assert.deepEqual(later, []);
});
