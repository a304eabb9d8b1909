import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import type { AtlassianApi, CallOptions, EndpointId, ReadOf, SiteRef } from '../../atlassian/api.ts';
import type { AtlassianClient } from '../../atlassian/client.ts';
import { AnonymousRefusedError } from '../../atlassian/errors.ts';
import { biggerTenant } from '../../atlassian/test-support.ts';
import type { Collector } from '../collector.ts';
import { jiraAnonymousPermissionsCollector } from './jira-anonymous-permissions.ts';
import { collector as jiraAuditCollector } from './jira-audit.ts';
import { collector as jiraDashboardsCollector } from './jira-dashboards.ts';
import { collector as jiraFieldsCollector } from './jira-fields.ts';
import { collector as jiraFiltersCollector } from './jira-filters.ts';
import { jiraGroupMembersCollector } from './jira-group-members.ts';
import { collector as jiraGroupsCollector } from './jira-groups.ts';
import { collector as jiraPermissionSchemesCollector } from './jira-permission-schemes.ts';
import { jiraProjectRolesCollector } from './jira-project-roles.ts';
import { jiraProjectsCollector } from './jira-projects.ts';
import { collector as jiraRolesCollector } from './jira-roles.ts';
import { collector as jiraUsersCollector } from './jira-users.ts';
import { client, MemoryInventory, resetServed, runCollector, served, tinySites } from './test-support.ts';

// Jira datasets against the tiny tenant's two sites (acme: ENG, PUB open to anyone, TEAM
// team-managed; acme-labs: no projects, USER_PICKER granted to anonymous), with 120 extra members in
// the Jira users group so member lists span pages.

let h: Harness;
let api: AtlassianClient;
let siteA: SiteRef;
let siteB: SiteRef;

before(async () => {
  h = await startHarness({ tenant: biggerTenant(120) });
  api = client(h);
  [siteA, siteB] = tinySites(h) as [SiteRef, SiteRef];
});
after(async () => {
  await api.close();
  await h.stop();
});

type Rec = Record<string, unknown>;
const records = (pages: { items: { data: unknown }[] }[]) =>
  pages.flatMap((p) => p.items.map((i) => i.data as Rec));

/** Runs collectors in order into one inventory (the dependencies of the one under test). */
async function inventoryWith(site: SiteRef, collectors: Collector[]): Promise<MemoryInventory> {
  const inventory = new MemoryInventory();
  for (const c of collectors) await runCollector(c, { api, site, inventory });
  return inventory;
}

test('permission schemes carry every grant with its holder', async () => {
  const schemes = records(await runCollector(jiraPermissionSchemesCollector, { api, site: siteA }));
  const publicScheme = schemes.find((s) => s.id === 10001);
  assert.deepEqual(publicScheme?.grants, [
    {
      id: 10101,
      permission: 'BROWSE_PROJECTS',
      holderType: 'anyone',
      holderParameter: null,
      holderValue: null,
    },
    {
      id: 10102,
      permission: 'ADMINISTER_PROJECTS',
      holderType: 'group',
      holderParameter: 'jira-software-users-acme',
      holderValue: '0a000000-0000-4000-8000-000000000002',
    },
  ]);
});

test('projects carry their permission scheme: one call per project, none on a single-scheme site', async () => {
  const inventory = await inventoryWith(siteA, [jiraPermissionSchemesCollector]);
  await resetServed(h);
  const projects = records(await runCollector(jiraProjectsCollector(), { api, site: siteA, inventory }));
  assert.deepEqual(
    projects.map((p) => [p.key, p.permissionSchemeId, p.simplified]),
    [
      ['ENG', 10000, false],
      ['PUB', 10001, false],
      ['TEAM', 10000, true],
    ],
  );
  assert.deepEqual(await served(h), { 'jira.projects.search': 1, 'jira.projectPermissionScheme.get': 3 });

  const labs = await inventoryWith(siteB, [jiraPermissionSchemesCollector]);
  await resetServed(h);
  await runCollector(jiraProjectsCollector(), { api, site: siteB, inventory: labs });
  assert.deepEqual(await served(h), { 'jira.projects.search': 1 });
});

test("project roles are read for the roles the project's scheme grants and the admin roles", async () => {
  const inventory = await inventoryWith(siteA, [
    jiraPermissionSchemesCollector,
    jiraProjectsCollector(),
    jiraRolesCollector,
  ]);
  await resetServed(h);
  const roles = records(await runCollector(jiraProjectRolesCollector(), { api, site: siteA, inventory }));
  // ENG (default scheme: Developers and Administrators), PUB (no role grants: Administrators only),
  // TEAM (team-managed: its role list first, then the granted roles).
  assert.deepEqual(
    roles.map((r) => `${r.projectKey}:${r.roleName}`),
    ['ENG:Developers', 'ENG:Administrators', 'PUB:Administrators', 'TEAM:Developers', 'TEAM:Administrators'],
  );
  assert.deepEqual(await served(h), { 'jira.projectRole.get': 5, 'jira.projectRoles.list': 1 });
  const engDevelopers = roles.find((r) => r.projectKey === 'ENG' && r.roleName === 'Developers');
  assert.deepEqual(engDevelopers?.actors, [
    {
      type: 'group',
      accountId: null,
      groupId: '0a000000-0000-4000-8000-000000000002',
      groupName: 'jira-software-users-acme',
      displayName: 'jira-software-users-acme',
    },
    { type: 'user', accountId: TINY.member, groupId: null, groupName: null, displayName: 'Mo Member' },
  ]);
});

test('a resumed project-roles walk skips the projects already stored', async () => {
  const inventory = await inventoryWith(siteA, [
    jiraPermissionSchemesCollector,
    jiraProjectsCollector(),
    jiraRolesCollector,
  ]);
  const collector = jiraProjectRolesCollector({ batchSize: 1 });
  const first = await runCollector(collector, { api, site: siteA, inventory, maxPages: 1 });
  assert.deepEqual(
    records(first).map((r) => r.projectKey),
    ['ENG', 'ENG'],
  );
  await resetServed(h);
  const rest = await runCollector(collector, {
    api,
    site: siteA,
    inventory,
    resumeFrom: first[0]?.checkpoint ?? null,
  });
  assert.deepEqual(
    records(rest).map((r) => r.projectKey),
    ['PUB', 'TEAM', 'TEAM'],
  );
  assert.deepEqual(await served(h), { 'jira.projectRole.get': 3, 'jira.projectRoles.list': 1 });
});

test('the anonymous probe finds BROWSE_PROJECTS on PUB only, and USER_PICKER on acme-labs', async () => {
  const inventory = await inventoryWith(siteA, [jiraPermissionSchemesCollector, jiraProjectsCollector()]);
  await resetServed(h);
  const a = records(await runCollector(jiraAnonymousPermissionsCollector(), { api, site: siteA, inventory }));
  assert.deepEqual(
    a.map((r) => [r.scope, r.projectKey, r.held]),
    [
      ['site', null, ['BROWSE_PROJECTS']],
      ['project', 'PUB', ['BROWSE_PROJECTS']],
    ],
  );
  // One site-wide probe, then only the project whose scheme grants to `anyone`.
  assert.deepEqual(await served(h), { 'jira.myPermissions.get': 2 });

  const labs = await inventoryWith(siteB, [jiraPermissionSchemesCollector, jiraProjectsCollector()]);
  await resetServed(h);
  const b = records(
    await runCollector(jiraAnonymousPermissionsCollector(), { api, site: siteB, inventory: labs }),
  );
  assert.deepEqual(
    b.map((r) => [r.scope, r.held]),
    [['site', ['USER_PICKER']]],
  );
  assert.deepEqual(await served(h), { 'jira.myPermissions.get': 1 });
});

test('a site that refuses the unauthenticated probe (401) is recorded as refusing anonymous callers, holding nothing', async () => {
  // Jira documents no switch for this, so the refusal is staged in front of the real client.
  const refusing: AtlassianApi = {
    ...api,
    call: async <Id extends EndpointId>(endpointId: Id, options?: CallOptions): Promise<ReadOf<Id>> => {
      if (options?.anonymous) {
        throw new AnonymousRefusedError({ endpointId, method: 'GET', url: siteA.url, status: 401 });
      }
      return api.call(endpointId, options);
    },
  };
  const inventory = await inventoryWith(siteA, [jiraPermissionSchemesCollector, jiraProjectsCollector()]);
  const pages = await runCollector(jiraAnonymousPermissionsCollector(), {
    api: refusing,
    site: siteA,
    inventory,
  });
  assert.deepEqual(records(pages), [
    {
      scope: 'site',
      projectId: null,
      projectKey: null,
      probed: [
        'USER_PICKER',
        'CREATE_SHARED_OBJECTS',
        'BULK_CHANGE',
        'ADMINISTER',
        'BROWSE_PROJECTS',
        'CREATE_ISSUES',
        'ADD_COMMENTS',
        'CREATE_ATTACHMENTS',
        'EDIT_ISSUES',
      ],
      held: [],
      anonymousRefused: true,
    },
  ]);
  assert.equal(pages.at(-1)?.checkpoint, null, 'one final page: no project is probed');
});

test('without the projects dataset the anonymous probe finds exposed projects by an anonymous search', async () => {
  const a = records(await runCollector(jiraAnonymousPermissionsCollector(), { api, site: siteA }));
  assert.deepEqual(
    a.filter((r) => r.scope === 'project').map((r) => r.projectKey),
    ['PUB'],
  );
});

test('groups are the site-admin, admin and product access groups, with the access each confers', async () => {
  const groups = records(await runCollector(jiraGroupsCollector, { api, site: siteA }));
  assert.deepEqual(
    groups.map((g) => [g.name, g.accessTypes]),
    [
      ['atlassian-addons-admin', ['admin']],
      ['jira-software-users-acme', ['user']],
      ['site-admins', ['site-admin']],
    ],
  );
});

test('group members are read per group, 50 a page, resumable inside a group', async () => {
  const inventory = await inventoryWith(siteA, [jiraGroupsCollector]);
  await resetServed(h);
  const all = await runCollector(jiraGroupMembersCollector(), { api, site: siteA, inventory });
  // site-admins 1, jira-software-users 124 (3 pages), atlassian-addons-admin 2.
  assert.equal(records(all).length, 127);
  assert.deepEqual(await served(h), { 'jira.groupMembers.list': 5 });
  const ian = records(all).find((m) => m.accountId === TINY.inactive);
  assert.equal(ian?.active, false, 'inactive members are kept, flagged');

  const admins = await runCollector(jiraGroupMembersCollector({ groups: 'admin' }), {
    api,
    site: siteA,
    inventory,
  });
  assert.deepEqual([...new Set(records(admins).map((m) => m.groupName))].sort(), [
    'atlassian-addons-admin',
    'site-admins',
  ]);

  // Stop after the first page of the 124-member group, then resume.
  const first = await runCollector(jiraGroupMembersCollector(), { api, site: siteA, inventory, maxPages: 2 });
  await resetServed(h);
  const rest = await runCollector(jiraGroupMembersCollector(), {
    api,
    site: siteA,
    inventory,
    resumeFrom: first.at(-1)?.checkpoint ?? null,
  });
  assert.deepEqual(await served(h), { 'jira.groupMembers.list': 3 });
  const keys = [...first, ...rest].flatMap((p) => p.items.map((i) => i.key));
  assert.equal(keys.length, 127);
  assert.equal(new Set(keys).size, 127);
});

test('filters and dashboards keep their share permissions; a public filter shows as global', async () => {
  const filters = records(await runCollector(jiraFiltersCollector, { api, site: siteA }));
  const shared = filters.find((f) => f.name === 'All bugs (public)');
  assert.deepEqual(shared?.sharePermissions, [
    { type: 'global', groupId: null, groupName: null, projectId: null, roleId: null, accountId: null },
  ]);
  assert.equal(JSON.stringify(filters).includes('currentUser()'), false, 'JQL is not kept');
  const [dashboard] = records(await runCollector(jiraDashboardsCollector, { api, site: siteA }));
  assert.equal(((dashboard?.sharePermissions ?? []) as Rec[])[0]?.groupName, 'jira-software-users-acme');
});

test('a non-admin account still reads the filters it can see (override refused, walk retried), and says it is partial', async () => {
  const member = client(h, { site: { kind: 'basic', email: 'mo@acme.example', apiToken: TINY.memberToken } });
  try {
    await resetServed(h);
    const pages = await runCollector(jiraFiltersCollector, { api: member, site: siteA });
    assert.deepEqual(
      records(pages)
        .map((f) => f.id)
        .sort(),
      ['10000', '10001'],
    );
    assert.equal(pages.at(-1)?.partial?.missing, 'Jira administrator (Administer Jira global permission)');
    assert.deepEqual(await served(h), { 'jira.filters.search': 2 });

    // Known from discovery not to administer Jira: the override is not even asked for (the sync
    // plan marks the dataset partial itself).
    await resetServed(h);
    const access = {
      cloudId: TINY.siteA,
      accountId: TINY.member,
      jiraAdmin: false,
      role: 'user' as const,
      evidence: [],
    };
    const known = await runCollector(jiraFiltersCollector, { api: member, site: siteA, access });
    assert.deepEqual(
      records(known)
        .map((f) => f.id)
        .sort(),
      ['10000', '10001'],
    );
    assert.deepEqual(await served(h), { 'jira.filters.search': 1 });
  } finally {
    await member.close();
  }
});

test('app-provided custom fields name their app', async () => {
  const fields = records(await runCollector(jiraFieldsCollector, { api, site: siteA }));
  assert.deepEqual(fields, [
    {
      id: 'customfield_10010',
      name: 'Timesheet',
      customType: 'com.atlassian.plugins.atlassian-connect-plugin:com.tiny.timesheets__timesheet-field',
      appKey: 'com.tiny.timesheets',
      appId: null,
    },
  ]);
});

test('the audit log is read from the cursor, with the app install and its author', async () => {
  const pages = await runCollector(jiraAuditCollector, { api, site: siteA });
  const audit = records(pages);
  assert.deepEqual(
    audit.map((r) => r.summary),
    ['Permission scheme updated', 'App installed'],
  );
  assert.equal(audit[1]?.authorAccountId, TINY.member);
  assert.equal(pages.at(-1)?.cursor, '2026-10-30T12:00:00.000Z');
  const again = records(
    await runCollector(jiraAuditCollector, { api, site: siteA, since: '2026-10-30T12:00:00.000Z' }),
  );
  assert.deepEqual(
    again.map((r) => r.id),
    ['2'],
  );
});

test('site users include the app accounts of installed apps', async () => {
  const users = records(await runCollector(jiraUsersCollector, { api, site: siteA }));
  const apps = users.filter((u) => u.accountType === 'app').map((u) => u.displayName);
  assert.deepEqual(apps.sort(), ['Forge Reporter', 'Timesheets Pro']);
  assert.equal(
    users.some((u) => 'emailAddress' in u || 'email' in u),
    false,
  );
});
