import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import type { AtlassianApi, EndpointId, Page, PageItemOf, PageOptions } from '../../atlassian/api.ts';
import type { AtlassianClient } from '../../atlassian/client.ts';
import { ForbiddenError, NotFoundError } from '../../atlassian/errors.ts';
import { biggerTenant } from '../../atlassian/test-support.ts';
import { collector as orgApiKeysCollector } from './org-api-keys.ts';
import { orgApiTokensCollector } from './org-api-tokens.ts';
import { collector as orgDomainsCollector } from './org-domains.ts';
import { collector as orgEventsCollector } from './org-events.ts';
import { collector as orgGroupsCollector } from './org-groups.ts';
import { collector as orgOrganizationCollector } from './org-organization.ts';
import { collector as orgPoliciesCollector } from './org-policies.ts';
import { collector as orgUsersCollector } from './org-users.ts';
import { collector as orgWorkspacesCollector } from './org-workspaces.ts';
import { client, MemoryInventory, resetServed, runCollector, served } from './test-support.ts';

// Org datasets against the simulator's tiny tenant (1,200 extra users and 250 extra events, so
// the users list and the audit log span several pages), through the real client.

let h: Harness;
let api: AtlassianClient;
const org = { orgId: TINY.orgId };

before(async () => {
  h = await startHarness({ tenant: biggerTenant(1200, 250) });
  api = client(h);
});
after(async () => {
  await api.close();
  await h.stop();
});

type Rec = Record<string, unknown>;
const records = (pages: { items: { data: unknown }[] }[]) =>
  pages.flatMap((p) => p.items.map((i) => i.data as Rec));

test('the organization, its domains (verified or not) and its policies are read as stored', async () => {
  const [orgRecord] = records(await runCollector(orgOrganizationCollector, { api, ...org }));
  assert.deepEqual(orgRecord, { id: TINY.orgId, name: 'Acme Tiny' });

  const domains = records(await runCollector(orgDomainsCollector, { api, ...org }));
  assert.deepEqual(
    domains.map((d) => [d.name, d.verified, d.status]),
    [
      ['acme.example', true, 'verified'],
      ['acme-old.example', false, 'unverified'],
    ],
  );

  const [policy] = records(await runCollector(orgPoliciesCollector, { api, ...org }));
  assert.equal(policy?.type, 'ip-allowlist');
  assert.equal(policy?.enabled, false);
  assert.deepEqual(policy?.ruleValues, ['203.0.113.0/24']);
});

test('directory users carry 2SV, roles, claim status and only the domain of their e-mail', async () => {
  await resetServed(h);
  const pages = await runCollector(orgUsersCollector, { api, ...org });
  const users = records(pages);
  // 4 tiny accounts + 1,200 added, through the search at 100 per page (the most it takes): 13 calls.
  assert.equal(users.length, 1204);
  assert.equal(pages.length, 13);
  const calls = await served(h);
  assert.equal(calls['admin.directory.users.search'], 13);
  assert.equal(calls['admin.directory.users.list'], undefined, 'the retiring list is not read');
  const eve = users.find((u) => u.accountId === TINY.external);
  assert.equal(eve?.emailDomain, 'gmail.com');
  assert.equal(eve?.claimStatus, 'unmanaged');
  assert.equal(eve?.mfaEnabled, false);
  const ada = users.find((u) => u.accountId === TINY.admin);
  assert.deepEqual(ada?.platformRoles, ['atlassian/org-admin']);
  assert.equal(JSON.stringify(users).includes('@acme.example'), false, 'no e-mail address is kept');
  // App and customer accounts are not directory members.
  assert.equal(
    users.some((u) => u.accountId === TINY.appConnect || u.accountId === TINY.customer),
    false,
  );
});

test('a user’s last activity is the latest of any product (the search’s productAccess)', async () => {
  // An account whose only trace of activity is per product, as the search reports it.
  const user = h.sim.context.state.tenant.users.find((u) => u.accountId === '5b10a2844c201657000000f');
  assert.ok(user?.productAccess[0]);
  const saved = { lastActive: user.lastActive, product: user.productAccess[0].lastActive };
  user.lastActive = null;
  user.productAccess[0].lastActive = '2026-10-20T08:00:00.000Z';
  try {
    const users = records(await runCollector(orgUsersCollector, { api, ...org }));
    assert.equal(users.find((u) => u.accountId === user.accountId)?.lastActive, '2026-10-20T08:00:00.000Z');
  } finally {
    user.lastActive = saved.lastActive;
    user.productAccess[0].lastActive = saved.product;
  }
});

test('a resumed walk yields only the pages after the checkpoint', async () => {
  const first = await runCollector(orgUsersCollector, { api, ...org, maxPages: 1 });
  assert.equal(first[0]?.items.length, 100);
  await resetServed(h);
  const rest = await runCollector(orgUsersCollector, {
    api,
    ...org,
    resumeFrom: first[0]?.checkpoint ?? null,
  });
  assert.deepEqual(
    rest.map((p) => p.items.length),
    [...Array(11).fill(100), 4],
  );
  assert.equal(rest.at(-1)?.checkpoint, null);
  assert.equal((await served(h))['admin.directory.users.search'], 12);
  const keys = new Set([...first, ...rest].flatMap((p) => p.items.map((i) => i.key)));
  assert.equal(keys.size, 1204, 'no user lost or read twice');
});

/** The client, as an org that does not offer the v2 searches yet (or refuses them) answers. */
function withoutSearch(status: 404 | 403): AtlassianApi {
  return {
    ...api,
    call: api.call.bind(api),
    stats: api.stats.bind(api),
    pages: <Id extends EndpointId>(
      endpointId: Id,
      options?: PageOptions,
    ): AsyncIterable<Page<PageItemOf<Id>>> => {
      if (!endpointId.endsWith('.search') || endpointId === 'admin.workspaces.search')
        return api.pages(endpointId, options);
      const where = { endpointId, method: 'POST', url: '/search', status };
      const error =
        status === 404 ? new NotFoundError(where) : new ForbiddenError(where, 'no search for this key');
      return {
        [Symbol.asyncIterator]: () => ({
          next: () => Promise.reject(error),
        }),
      };
    },
  };
}

for (const status of [404, 403] as const) {
  test(`where the search answers ${status}, users and groups are read through the list instead`, async () => {
    await resetServed(h);
    const users = records(await runCollector(orgUsersCollector, { api: withoutSearch(status), ...org }));
    const groups = records(await runCollector(orgGroupsCollector, { api: withoutSearch(status), ...org }));
    assert.equal(users.length, 1204);
    assert.equal(groups.find((g) => g.name === 'jira-software-users-acme')?.memberCount, 1204);
    const calls = await served(h);
    assert.equal(calls['admin.directory.users.list'], 13);
    assert.equal(calls['admin.directory.users.search'], undefined);
    assert.equal(calls['admin.directory.groups.list'], 1);
  });
}

test('a walk resumed on the list stays on the list, an older run’s bare list token included', async () => {
  const first = await runCollector(orgUsersCollector, { api: withoutSearch(404), ...org, maxPages: 1 });
  await resetServed(h);
  const rest = await runCollector(orgUsersCollector, {
    api,
    ...org,
    resumeFrom: first[0]?.checkpoint ?? null,
  });
  assert.equal(rest.flatMap((p) => p.items).length, 1104);
  const calls = await served(h);
  assert.equal(calls['admin.directory.users.list'], 12);
  assert.equal(calls['admin.directory.users.search'], undefined);

  // A checkpoint stored before the searches were read is the list's own resume token.
  const bare = JSON.parse(first[0]?.checkpoint ?? '{}') as { n?: string };
  const fromOld = await runCollector(orgUsersCollector, { api, ...org, resumeFrom: bare.n ?? null });
  assert.equal(fromOld.flatMap((p) => p.items).length, 1104);
});

test('groups come with their member counts', async () => {
  const groups = records(await runCollector(orgGroupsCollector, { api, ...org }));
  const jiraUsers = groups.find((g) => g.name === 'jira-software-users-acme');
  assert.equal(jiraUsers?.memberCount, 1204);
});

/** The client, except that the org has no org-wide token list (the experimental API answers 404). */
function withoutOrgWideList(inner: AtlassianApi): AtlassianApi {
  return {
    call: (id, options) => inner.call(id, options),
    stats: () => inner.stats(),
    pages(id, options) {
      if (id !== 'admin.apiAccess.apiTokens.list') return inner.pages(id, options);
      const site = { endpointId: id, method: 'GET', url: '/admin/api-access/v1/orgs/{orgId}/api-tokens' };
      return (async function* () {
        yield* [];
        throw new NotFoundError({ ...site, status: 404 });
      })();
    },
  };
}

test("API tokens come from the org-wide list: every owner's tokens with their scopes, the account Palisade scans with marked", async () => {
  const inventory = new MemoryInventory();
  await runCollector(orgUsersCollector, { api, ...org, inventory });
  await resetServed(h);
  const pages = await runCollector(orgApiTokensCollector({ palisadeAccountId: TINY.admin }), {
    api,
    ...org,
    inventory,
  });
  const records = pages.flatMap((p) => p.items.map((i) => i.data as Rec));
  assert.deepEqual(
    records.map((r) => [r.accountId, r.palisadeAccount ?? false]),
    [
      [TINY.admin, true],
      [TINY.member, false],
    ],
  );
  const ada = records[0]?.tokens as Rec[];
  assert.deepEqual(ada[0], {
    id: 'tok-admin',
    label: 'palisade',
    createdAt: '2026-10-02T12:00:00.000Z',
    lastAccess: '2026-10-31T00:00:00.000Z',
    expiry: '2027-08-28T12:00:00.000Z',
    scopes: [],
  });
  assert.equal(ada[1]?.id, 'tok-admin-scoped');
  assert.ok((ada[1]?.scopes as string[] | undefined)?.includes('read:jira-user'));
  // Mo's token never expires: no expiry rather than a made-up one.
  assert.equal((records[1]?.tokens as Rec[] | undefined)?.[0]?.expiry, null);
  const calls = await served(h);
  assert.equal(calls['admin.apiAccess.apiTokens.list'], 1);
  assert.equal(calls['usermgmt.apiTokens.list'], undefined);
  assert.equal(
    pages.some((p) => 'partial' in p),
    false,
  );
  assert.equal(JSON.stringify(records).includes(TINY.adminToken), false);
});

test('a sync stopped between pages of the org-wide list resumes with the next account', async () => {
  const collector = orgApiTokensCollector({ batchSize: 1 });
  const first = await runCollector(collector, { api, ...org, maxPages: 1 });
  const rest = await runCollector(collector, { api, ...org, resumeFrom: first[0]?.checkpoint ?? null });
  assert.deepEqual(
    [...first, ...rest].flatMap((p) => p.items.map((i) => i.key)),
    [TINY.admin, TINY.member],
  );
  assert.equal(rest.at(-1)?.checkpoint, null);
});

test('without the org-wide list, tokens are read per account: privileged ones and Palisade’s by default, partial', async () => {
  const inventory = new MemoryInventory();
  await runCollector(orgUsersCollector, { api, ...org, inventory });
  await resetServed(h);
  const pages = await runCollector(orgApiTokensCollector({ palisadeAccountId: TINY.member }), {
    api: withoutOrgWideList(api),
    ...org,
    inventory,
  });
  const tokens = records(pages);
  assert.deepEqual(
    tokens.map((t) => [t.accountId, t.palisadeAccount ?? false]),
    [
      [TINY.admin, false],
      [TINY.member, true],
    ],
  );
  // The per-account endpoint does not say which scopes a token has.
  assert.deepEqual(
    (tokens[0]?.tokens as Rec[] | undefined)?.map((t) => [t.id, t.scopes]),
    [
      ['tok-admin', null],
      ['tok-admin-scoped', null],
    ],
  );
  assert.equal((await served(h))['usermgmt.apiTokens.list'], 2);
  const note = (pages[0] as { partial?: { reason: string } }).partial;
  assert.match(note?.reason ?? '', /privileged accounts only \(2 of 1202 active managed accounts\)/);
});

test("with apiTokens 'all' every active managed account is read, one call each, resumable by account", async () => {
  const inventory = new MemoryInventory();
  const perAccount = withoutOrgWideList(api);
  await runCollector(orgUsersCollector, { api, ...org, inventory });
  await resetServed(h);
  const collector = orgApiTokensCollector({ accounts: 'all', batchSize: 500 });
  const first = await runCollector(collector, { api: perAccount, ...org, inventory, maxPages: 1 });
  const rest = await runCollector(collector, {
    // A resumed per-account walk stays per account, whatever the list would say now.
    api,
    ...org,
    inventory,
    resumeFrom: first[0]?.checkpoint ?? null,
  });
  // Ada, Mo and the 1,200 added accounts; not Eve (unmanaged) nor Ian (inactive).
  const all = [...first, ...rest].flatMap((p) => p.items.map((i) => i.key));
  assert.equal(all.length, 1202);
  assert.equal(new Set(all).size, 1202);
  assert.equal((await served(h))['usermgmt.apiTokens.list'], 1202);
  assert.equal(rest.at(-1)?.checkpoint, null);
});

test('a scoped org key that may read neither list makes API tokens forbidden, naming both ways in', async () => {
  const scoped = client(h, { orgApiKey: TINY.scopedOrgKey });
  try {
    const inventory = new MemoryInventory();
    await runCollector(orgUsersCollector, { api: scoped, ...org, inventory });
    await assert.rejects(runCollector(orgApiTokensCollector(), { api: scoped, ...org, inventory }), {
      code: 'forbidden',
      missing: ['read:tokens:admin (or an org API key without scopes)'],
    });
  } finally {
    await scoped.close();
  }
});

test('org API keys are listed with creator, expiry, last use (to the day) and scopes; a scoped key without read:keys:admin is refused naming it', async () => {
  const keys = records(await runCollector(orgApiKeysCollector, { api, ...org }));
  // (Other tests here use the scoped key, so its last use is whenever they ran.)
  assert.deepEqual(
    { ...keys.find((k) => k.id === 'key-scoped'), lastActiveAt: undefined },
    {
      id: 'key-scoped',
      label: 'Directory reader',
      createdAt: '2026-10-12T12:00:00.000Z',
      expiresAt: null,
      lastActiveAt: undefined,
      scopes: ['read:directories:admin'],
      creatorId: TINY.admin,
      creatorName: 'Ada Admin',
    },
  );
  const palisade = keys.find((k) => k.id === 'key-unscoped');
  assert.deepEqual([palisade?.expiresAt, palisade?.scopes], ['2027-01-10T12:00:00.000Z', []]);
  assert.match(String(palisade?.lastActiveAt), /^2026-11-01T00:00:00/);
  const scoped = client(h, { orgApiKey: TINY.scopedOrgKey });
  try {
    await assert.rejects(runCollector(orgApiKeysCollector, { api: scoped, ...org }), {
      code: 'forbidden',
      missing: ['read:keys:admin'],
    });
  } finally {
    await scoped.close();
  }
});

test('org events are read newest first, incrementally from the last cursor, with the cursor on each page', async () => {
  await resetServed(h);
  const pages = await runCollector(orgEventsCollector, { api, ...org });
  const events = records(pages);
  assert.equal(events.length, 253);
  assert.equal((await served(h))['admin.events.list'], 3);
  // The 250 added events end 20 minutes before the tenant's "now".
  const newest = '2026-11-01T11:40:00.000Z';
  assert.deepEqual(
    pages.map((p) => p.cursor),
    [newest, newest, newest],
  );
  const install = events.find((e) => e.action === 'ecosystem_app_installed');
  assert.equal(install?.actorId, TINY.member);
  assert.deepEqual(install?.context, [
    { id: 'com.tiny.timesheets', type: 'app', attributes: { name: 'Timesheets Pro' } },
  ]);

  // The next sync asks only for what happened since: here the newest event again (inclusive).
  await resetServed(h);
  const next = await runCollector(orgEventsCollector, { api, ...org, since: newest });
  assert.deepEqual(
    records(next).map((e) => e.action),
    ['user_added_to_group'],
  );
  assert.equal(next.at(-1)?.cursor, newest);
  assert.equal((await served(h))['admin.events.list'], 1);
});

test('an interrupted events walk resumes in the same time window with the cursor it had', async () => {
  const first = await runCollector(orgEventsCollector, { api, ...org, maxPages: 1 });
  const rest = await runCollector(orgEventsCollector, {
    api,
    ...org,
    resumeFrom: first[0]?.checkpoint ?? null,
    // A later clock on the resume must not move the window.
    now: new Date('2026-11-02T00:00:00Z'),
  });
  assert.deepEqual(
    rest.map((p) => p.items.length),
    [100, 53],
  );
  assert.equal(rest.at(-1)?.cursor, '2026-11-01T11:40:00.000Z');
});

test('workspaces name each site product with its cloud id', async () => {
  const workspaces = records(await runCollector(orgWorkspacesCollector, { api, ...org }));
  assert.deepEqual(
    workspaces.map((w) => [w.product, w.cloudId]),
    [
      ['jira', TINY.siteA],
      ['confluence', TINY.siteA],
      ['jira', TINY.siteB],
    ],
  );
});

test('an org collector without an org id fails with a coded error', async () => {
  await assert.rejects(runCollector(orgDomainsCollector, { api }), { code: 'missing_context' });
});
