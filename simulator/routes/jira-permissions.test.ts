import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { assertJiraError, basicFor, outsiderBasic } from './jira-test-support.ts';

type Perms = {
  permissions: Record<string, { key: string; type: string; havePermission?: boolean; id?: string }>;
};

let eve: string;
const h = useHarness({
  setup: (h) => {
    eve = basicFor(h, TINY.external);
  },
});

async function mine(
  site: string,
  query: string,
  auth?: string,
): Promise<Record<string, boolean | undefined>> {
  const body = await h.json<Perms>(`${site}/rest/api/3/mypermissions?${query}`, auth);
  return Object.fromEntries(Object.entries(body.permissions).map(([k, v]) => [k, v.havePermission]));
}

test('the list of every permission holds global and project permissions, anonymously', async () => {
  const body = await h.json<Perms>(`${h.siteA}/rest/api/3/permissions`);
  const type = (k: string) => body.permissions[k]?.type;
  for (const k of [
    'ADMINISTER',
    'SYSTEM_ADMIN',
    'USER_PICKER',
    'CREATE_SHARED_OBJECTS',
    'MANAGE_GROUP_FILTER_SUBSCRIPTIONS',
  ]) {
    assert.equal(type(k), 'GLOBAL', k);
  }
  assert.equal(type('BULK_CHANGE'), 'GLOBAL');
  for (const k of [
    'BROWSE_PROJECTS',
    'CREATE_ISSUES',
    'ADD_COMMENTS',
    'ADMINISTER_PROJECTS',
    'EDIT_WORKFLOW',
  ]) {
    assert.equal(type(k), 'PROJECT', k);
  }
  assert.equal(body.permissions.BROWSE, undefined, 'deprecated keys are not listed');
  assert.equal(body.permissions.ADMINISTER?.havePermission, undefined);
});

test('the anonymous probe: PUB is browsable by anyone, ENG is not', async () => {
  const pub = await mine(h.siteA, 'permissions=BROWSE_PROJECTS,CREATE_ISSUES&projectKey=PUB');
  assert.deepEqual(pub, { BROWSE_PROJECTS: true, CREATE_ISSUES: false });
  const eng = await mine(h.siteA, 'permissions=BROWSE_PROJECTS&projectKey=ENG');
  assert.deepEqual(eng, { BROWSE_PROJECTS: false });
  const byId = await mine(h.siteA, 'permissions=BROWSE_PROJECTS&projectId=10001');
  assert.deepEqual(byId, { BROWSE_PROJECTS: true });
});

test('the anonymous probe: acme-labs lets anonymous browse users, acme does not', async () => {
  assert.deepEqual(await mine(h.siteB, 'permissions=USER_PICKER,ADMINISTER'), {
    USER_PICKER: true,
    ADMINISTER: false,
  });
  assert.deepEqual(await mine(h.siteA, 'permissions=USER_PICKER'), { USER_PICKER: false });
});

test('anonymous holds a project permission in the global context when any project grants it', async () => {
  assert.deepEqual(await mine(h.siteA, 'permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS'), {
    BROWSE_PROJECTS: true,
    ADMINISTER_PROJECTS: false,
  });
  assert.deepEqual(await mine(h.siteB, 'permissions=BROWSE_PROJECTS'), { BROWSE_PROJECTS: false });
});

test('mypermissions entries carry the permission id, key, name, type and description', async () => {
  const body = await h.json<Perms>(
    `${h.siteA}/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,ADMINISTER`,
  );
  assert.deepEqual(body.permissions.BROWSE_PROJECTS, {
    id: '10',
    key: 'BROWSE_PROJECTS',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
    havePermission: true,
  });
  assert.equal(body.permissions.ADMINISTER?.id, '0');
});

test('a member’s permissions come from application role, project role and group grants', async () => {
  const q =
    'permissions=BROWSE_PROJECTS,CREATE_ISSUES,ADMINISTER_PROJECTS,ADMINISTER,USER_PICKER,BULK_CHANGE';
  assert.deepEqual(await mine(h.siteA, `${q}&projectKey=ENG`, h.memberBasic), {
    BROWSE_PROJECTS: true, // applicationRole jira-software
    CREATE_ISSUES: true, // Developers role actor
    ADMINISTER_PROJECTS: false, // Administrators role holds only Ada
    ADMINISTER: false,
    USER_PICKER: true,
    BULK_CHANGE: true,
  });
  const pub = await mine(h.siteA, 'permissions=ADMINISTER_PROJECTS&projectKey=PUB', h.memberBasic);
  assert.deepEqual(pub, { ADMINISTER_PROJECTS: true }); // group jira-software-users-acme
  const global = await mine(h.siteA, 'permissions=ADMINISTER_PROJECTS', h.memberBasic);
  assert.deepEqual(global, { ADMINISTER_PROJECTS: true });
});

test('the site admin holds ADMINISTER and SYSTEM_ADMIN, and administers every project', async () => {
  const q = 'permissions=ADMINISTER,SYSTEM_ADMIN,ADMINISTER_PROJECTS,BROWSE_PROJECTS';
  assert.deepEqual(await mine(h.siteA, `${q}&projectKey=ENG`, h.adminBasic), {
    ADMINISTER: true,
    SYSTEM_ADMIN: true,
    ADMINISTER_PROJECTS: true,
    BROWSE_PROJECTS: true,
  });
  assert.deepEqual(await mine(h.siteB, 'permissions=ADMINISTER,ADMINISTER_PROJECTS', h.adminBasic), {
    ADMINISTER: true,
    ADMINISTER_PROJECTS: true,
  });
});

test('a private team-managed project is browsable by its members only', async () => {
  const q = 'permissions=BROWSE_PROJECTS&projectKey=TEAM';
  assert.deepEqual(await mine(h.siteA, q, h.memberBasic), { BROWSE_PROJECTS: true }); // Mo leads TEAM
  assert.deepEqual(await mine(h.siteA, q, eve), { BROWSE_PROJECTS: false });
  assert.deepEqual(await mine(h.siteA, q, h.adminBasic), { BROWSE_PROJECTS: false });
  assert.deepEqual(await mine(h.siteA, q), { BROWSE_PROJECTS: false });
});

test('a user without Jira access on the site is treated like the anonymous user', async () => {
  // Mo has no Jira access on acme-labs, where anonymous may browse users.
  assert.deepEqual(await mine(h.siteB, 'permissions=USER_PICKER,BULK_CHANGE', h.memberBasic), {
    USER_PICKER: true,
    BULK_CHANGE: false,
  });
  const outsider = outsiderBasic(h).basic;
  assert.deepEqual(await mine(h.siteA, 'permissions=BROWSE_PROJECTS&projectKey=PUB', outsider), {
    BROWSE_PROJECTS: true,
  });
  assert.deepEqual(await mine(h.siteA, 'permissions=BROWSE_PROJECTS&projectKey=ENG', outsider), {
    BROWSE_PROJECTS: false,
  });
});

test('mypermissions without the permissions parameter is a 400, as Jira has required since 2019', async () => {
  const msg = await assertJiraError(await h.get(`${h.siteA}/rest/api/3/mypermissions`), 400);
  assert.equal(msg, "The 'permissions' query parameter is required.");
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/mypermissions?permissions=`), 400);
});

test('mypermissions rejects unknown and deprecated permission keys', async () => {
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,NOPE`),
    400,
  );
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/mypermissions?permissions=BROWSE`), 400);
});

test('mypermissions on a project or issue that does not exist is a 404', async () => {
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=NOPE`),
    404,
  );
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectId=9`),
    404,
  );
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueKey=ENG-1`),
    404,
  );
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/mypermissions?permissions=EDIT_ISSUES&commentId=10000`, h.memberBasic),
    400,
  );
});

test('mypermissions with wrong credentials is a 401, not the anonymous answer', async () => {
  const res = await h.get(
    `${h.siteA}/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS`,
    h.basic('mo@acme.example', 'x'),
  );
  await assertJiraError(res, 401);
});

test('permission schemes list names without grants unless an expand is given', async () => {
  const plain = await h.json<{ permissionSchemes: Record<string, unknown>[] }>(
    `${h.siteA}/rest/api/3/permissionscheme`,
    h.memberBasic,
  );
  assert.deepEqual(
    plain.permissionSchemes.map((s) => [s.id, s.name, s.permissions]),
    [
      [10000, 'Default Permission Scheme', undefined],
      [10001, 'Public scheme', undefined],
    ],
  );
  assert.equal(plain.permissionSchemes[0]?.self, `${h.siteA}/rest/api/3/permissionscheme/10000`);
});

test('expanded permission schemes show each grant’s holder as Jira writes it', async () => {
  type Grant = { id: number; permission: string; holder: Record<string, string>; self: string };
  const body = await h.json<{ permissionSchemes: { id: number; permissions: Grant[] }[] }>(
    `${h.siteA}/rest/api/3/permissionscheme?expand=permissions,group`,
    h.memberBasic,
  );
  const pub = body.permissionSchemes.find((s) => s.id === 10001)?.permissions ?? [];
  assert.deepEqual(pub[0], {
    id: 10101,
    self: `${h.siteA}/rest/api/3/permissionscheme/10001/permission/10101`,
    holder: { type: 'anyone' },
    permission: 'BROWSE_PROJECTS',
  });
  assert.deepEqual(pub[1]?.holder, {
    type: 'group',
    parameter: 'jira-software-users-acme',
    value: '0a000000-0000-4000-8000-000000000002',
    expand: 'group',
  });
  const def = body.permissionSchemes.find((s) => s.id === 10000)?.permissions ?? [];
  assert.deepEqual(def[0]?.holder, {
    type: 'applicationRole',
    parameter: 'jira-software',
    value: 'jira-software',
  });
  assert.deepEqual(def[1]?.holder, {
    type: 'projectRole',
    parameter: '10001',
    value: '10001',
    expand: 'projectRole',
  });
});

test('permission schemes need Jira access', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/permissionscheme`), 401);
  await assertJiraError(await h.get(`${h.siteB}/rest/api/3/permissionscheme`, h.memberBasic), 403);
});

test('a project’s permission scheme is shown to whoever administers the project', async () => {
  const eng = await h.json<Record<string, unknown>>(
    `${h.siteA}/rest/api/3/project/ENG/permissionscheme`,
    h.adminBasic,
  );
  assert.equal(eng.id, 10000);
  assert.equal(eng.permissions, undefined);
  const pub = await h.json<{ id: number; permissions: unknown[] }>(
    `${h.siteA}/rest/api/3/project/10001/permissionscheme?expand=permissions`,
    h.memberBasic,
  );
  assert.equal(pub.id, 10001);
  assert.equal(pub.permissions.length, 2);
});

test('a project’s permission scheme is 403 to a browser who cannot administer, 404 to one who cannot see it', async () => {
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/project/ENG/permissionscheme`, h.memberBasic),
    403,
  );
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/project/TEAM/permissionscheme`, eve), 404);
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/project/NOPE/permissionscheme`, h.adminBasic),
    404,
  );
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/project/PUB/permissionscheme`), 401);
});
