import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { assertJiraError, outsiderBasic, walkArray, walkPageBean } from './jira-test-support.ts';

type User = Record<string, unknown> & { accountId: string; displayName: string };

const h = useHarness();

test('myself describes the caller, with group and role counts but no items by default', async () => {
  const me = await h.json<Record<string, unknown>>(`${h.siteA}/rest/api/3/myself`, h.memberBasic);
  assert.equal(me.accountId, TINY.member);
  assert.equal(me.accountType, 'atlassian');
  assert.equal(me.emailAddress, 'mo@acme.example');
  assert.equal(me.displayName, 'Mo Member');
  assert.equal(me.active, true);
  assert.equal(me.timeZone, 'Europe/Berlin');
  assert.equal(me.self, `${h.siteA}/rest/api/3/user?accountId=${TINY.member}`);
  assert.deepEqual(me.groups, { size: 2, items: [] });
  assert.deepEqual(me.applicationRoles, { size: 1, items: [] });
  assert.equal(me.expand, 'groups,applicationRoles');
});

test('myself expands groups and application roles', async () => {
  const me = await h.json<{
    groups: { items: { name: string }[] };
    applicationRoles: { items: { key: string }[] };
  }>(`${h.siteA}/rest/api/3/myself?expand=groups,applicationRoles`, h.adminBasic);
  assert.deepEqual(
    me.groups.items.map((g) => g.name),
    ['confluence-users-acme', 'jira-software-users-acme', 'site-admins'],
  );
  assert.deepEqual(
    me.applicationRoles.items.map((r) => r.key),
    ['jira-software'],
  );
});

test('myself needs valid credentials and Jira access on the site', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/myself`), 401);
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/myself`, h.basic('mo@acme.example', 'nope')), 401);
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/myself`, h.orgKey), 401);
  await assertJiraError(await h.get(`${h.siteB}/rest/api/3/myself`, h.memberBasic), 403);
});

test('users/search lists people and app accounts, active or not, but no customers', async () => {
  const users = await h.json<User[]>(`${h.siteA}/rest/api/3/users/search`, h.adminBasic);
  assert.deepEqual(
    users.map((u) => [u.displayName, u.accountType, u.active]),
    [
      ['Ada Admin', 'atlassian', true],
      ['Mo Member', 'atlassian', true],
      ['Eve External', 'atlassian', true],
      ['Ian Inactive', 'atlassian', false],
      ['Timesheets Pro', 'app', true],
      ['Forge Reporter', 'app', true],
    ],
  );
});

test('users/search shows e-mail addresses to a Jira admin, never for app accounts', async () => {
  const users = await h.json<User[]>(`${h.siteA}/rest/api/3/users/search`, h.adminBasic);
  assert.equal(users.find((u) => u.accountId === TINY.external)?.emailAddress, 'eve@gmail.com');
  assert.equal(users.find((u) => u.accountId === TINY.appConnect)?.emailAddress, undefined);
});

test('users/search hides other people’s e-mail addresses from a member', async () => {
  const users = await h.json<User[]>(`${h.siteA}/rest/api/3/users/search`, h.memberBasic);
  assert.equal(users.find((u) => u.accountId === TINY.member)?.emailAddress, 'mo@acme.example');
  assert.equal(users.find((u) => u.accountId === TINY.admin)?.emailAddress, undefined);
});

test('a users/search walk returns every account exactly once at several page sizes', async () => {
  const expected = (await h.json<User[]>(`${h.siteA}/rest/api/3/users/search`, h.adminBasic)).map(
    (u) => u.accountId,
  );
  for (const size of [1, 2, 4, 6, 1000]) {
    const all = await walkArray<User>(h, `${h.siteA}/rest/api/3/users/search`, size, h.adminBasic);
    assert.deepEqual(
      all.map((u) => u.accountId),
      expected,
      `page size ${size}`,
    );
  }
});

test('users/search is open to anonymous only where anonymous may browse users', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/users/search`), 403);
  const users = await h.json<User[]>(`${h.siteB}/rest/api/3/users/search`);
  assert.deepEqual(
    users.map((u) => u.displayName),
    ['Ada Admin'],
  );
  assert.equal(users[0]?.emailAddress, undefined);
  assert.equal(users[0]?.timeZone, undefined);
});

test('users/search rejects a negative startAt', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/users/search?startAt=-5`, h.adminBasic), 400);
});

test('application roles describe Jira Software access groups and the licensed user count', async () => {
  const roles = await h.json<Record<string, unknown>[]>(
    `${h.siteA}/rest/api/3/applicationrole`,
    h.adminBasic,
  );
  assert.equal(roles.length, 1);
  const [role] = roles;
  assert.equal(role?.key, 'jira-software');
  assert.equal(role?.name, 'Jira Software');
  assert.deepEqual(role?.groups, ['site-admins', 'jira-software-users-acme', 'atlassian-addons-admin']);
  assert.deepEqual(role?.defaultGroups, ['jira-software-users-acme']);
  assert.equal(role?.userCount, 3); // Ada, Mo, Eve; Ian is inactive and apps are not counted
  assert.equal(
    (role?.groupDetails as { groupId: string }[] | undefined)?.[1]?.groupId,
    '0a000000-0000-4000-8000-000000000002',
  );
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/applicationrole`, h.memberBasic), 403);
});

test('group/bulk lists every group by name for someone who may browse users', async () => {
  const page = await h.json<{ total: number; values: { name: string; groupId: string }[] }>(
    `${h.siteA}/rest/api/3/group/bulk`,
    h.memberBasic,
  );
  assert.deepEqual(
    page.values.map((g) => g.name),
    ['atlassian-addons-admin', 'confluence-users-acme', 'jira-software-users-acme', 'site-admins'],
  );
  assert.deepEqual(page.values[3], { name: 'site-admins', groupId: '0a000000-0000-4000-8000-000000000001' });
});

test('group/bulk accessType finds the site-admin, product-admin and user groups', async () => {
  const names = async (q: string, site = h.siteA) =>
    (
      await h.json<{ values: { name: string }[] }>(`${site}/rest/api/3/group/bulk?${q}`, h.adminBasic)
    ).values.map((g) => g.name);
  assert.deepEqual(await names('accessType=site-admin'), ['site-admins']);
  assert.deepEqual(await names('accessType=admin&applicationKey=jira-software'), ['atlassian-addons-admin']);
  assert.deepEqual(await names('accessType=user&applicationKey=jira-software'), ['jira-software-users-acme']);
  assert.deepEqual(await names('accessType=user&applicationKey=jira-servicedesk'), []);
  assert.deepEqual(await names('accessType=user', h.siteB), []);
  assert.deepEqual(await names('accessType=site-admin', h.siteB), ['site-admins']);
});

test('group/bulk filters by group id and name', async () => {
  const names = async (q: string) =>
    (
      await h.json<{ values: { name: string }[] }>(`${h.siteA}/rest/api/3/group/bulk?${q}`, h.adminBasic)
    ).values.map((g) => g.name);
  assert.deepEqual(await names('groupId=0a000000-0000-4000-8000-000000000003'), ['confluence-users-acme']);
  assert.deepEqual(await names('groupName=site-admins&groupName=atlassian-addons-admin'), [
    'atlassian-addons-admin',
    'site-admins',
  ]);
});

test('group/bulk rejects unknown access types and application keys', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/group/bulk?accessType=owner`, h.adminBasic), 400);
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/group/bulk?applicationKey=confluence`, h.adminBasic),
    400,
  );
});

test('a group/bulk walk returns every group exactly once at several page sizes', async () => {
  for (const size of [1, 3, 50]) {
    const all = await walkPageBean<{ name: string }>(
      h,
      `${h.siteA}/rest/api/3/group/bulk?maxResults=${size}`,
      h.adminBasic,
    );
    assert.equal(new Set(all.map((g) => g.name)).size, 4, `page size ${size}`);
    assert.equal(all.length, 4);
  }
});

test('group/bulk needs Browse users and groups', async () => {
  const outsider = outsiderBasic(h).basic;
  const msg = await assertJiraError(await h.get(`${h.siteA}/rest/api/3/group/bulk`, outsider), 403);
  assert.equal(msg, 'Browse users and groups permission is required to view groups.');
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/group/bulk`), 401);
  // On acme-labs anonymous holds USER_PICKER, and so does a user without access there.
  assert.equal((await h.get(`${h.siteB}/rest/api/3/group/bulk`, h.memberBasic)).status, 200);
});

test('group/member lists active members by group id or name', async () => {
  const byId = await h.json<{ total: number; values: User[] }>(
    `${h.siteA}/rest/api/3/group/member?groupId=0a000000-0000-4000-8000-000000000002`,
    h.adminBasic,
  );
  assert.deepEqual(
    byId.values.map((u) => u.displayName),
    ['Ada Admin', 'Eve External', 'Mo Member'],
  );
  const byName = await h.json<{ values: User[] }>(
    `${h.siteA}/rest/api/3/group/member?groupname=atlassian-addons-admin`,
    h.memberBasic,
  );
  assert.deepEqual(
    byName.values.map((u) => [u.displayName, u.accountType]),
    [
      ['Forge Reporter', 'app'],
      ['Timesheets Pro', 'app'],
    ],
  );
});

test('group/member includes inactive members on request', async () => {
  const page = await h.json<{ values: User[] }>(
    `${h.siteA}/rest/api/3/group/member?groupname=jira-software-users-acme&includeInactiveUsers=true`,
    h.adminBasic,
  );
  assert.ok(page.values.some((u) => u.displayName === 'Ian Inactive' && u.active === false));
});

test('a group/member walk returns every member exactly once', async () => {
  for (const size of [1, 2, 50]) {
    const all = await walkPageBean<User>(
      h,
      `${h.siteA}/rest/api/3/group/member?groupname=jira-software-users-acme&includeInactiveUsers=true&maxResults=${size}`,
      h.adminBasic,
    );
    assert.equal(all.length, 4, `page size ${size}`);
    assert.equal(new Set(all.map((u) => u.accountId)).size, 4);
  }
});

test('group/member needs exactly one of groupId and groupname, and an existing group', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/group/member`, h.adminBasic), 400);
  await assertJiraError(
    await h.get(
      `${h.siteA}/rest/api/3/group/member?groupname=site-admins&groupId=0a000000-0000-4000-8000-000000000001`,
      h.adminBasic,
    ),
    400,
  );
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/group/member?groupname=nobody`, h.adminBasic),
    404,
  );
  await assertJiraError(
    await h.get(
      `${h.siteA}/rest/api/3/group/member?groupname=site-admins&includeInactiveUsers=maybe`,
      h.adminBasic,
    ),
    400,
  );
});

test('group/member is refused without Browse users and groups or Administer Jira', async () => {
  const outsider = outsiderBasic(h).basic;
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/group/member?groupname=site-admins`, outsider),
    403,
  );
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/group/member?groupname=site-admins`), 401);
});
