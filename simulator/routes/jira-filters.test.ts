import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { assertJiraError, basicFor, outsiderBasic, walkPageBean } from './jira-test-support.ts';

type Item = Record<string, unknown> & {
  id: string;
  name: string;
  sharePermissions?: Record<string, unknown>[];
};
type Page = { total: number; values: Item[] };

let eve: string;
const h = useHarness({
  setup: (h) => {
    eve = basicFor(h, TINY.external);
  },
});

const jira = () => {
  const j = h.sim.context.state.sitesById.get(TINY.siteA)?.jira;
  assert.ok(j);
  return j;
};
const filters = (query: string, auth?: string) =>
  h.json<Page>(`${h.siteA}/rest/api/3/filter/search?${query}`, auth);
const dashboards = (query: string, auth?: string) =>
  h.json<Page>(`${h.siteA}/rest/api/3/dashboard/search?${query}`, auth);
const names = (page: Page) => page.values.map((v) => v.name);

test('anonymous callers see only filters shared with the public', async () => {
  assert.deepEqual(names(await filters('')), ['All bugs (public)']);
});

test('a filter owner sees their private filters too; others do not', async () => {
  assert.deepEqual(names(await filters('', h.memberBasic)), ['All bugs (public)', 'My open issues']);
  assert.deepEqual(names(await filters('', h.adminBasic)), ['All bugs (public)']);
});

test('overrideSharePermissions lets a Jira admin see every filter, and is a 400 for anyone else', async () => {
  assert.deepEqual(names(await filters('overrideSharePermissions=true', h.adminBasic)), [
    'All bugs (public)',
    'My open issues',
  ]);
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/filter/search?overrideSharePermissions=true`, h.memberBasic),
    400,
  );
});

test('filters carry only self, id and name unless expanded', async () => {
  const [f] = (await filters('')).values;
  assert.deepEqual(Object.keys(f ?? {}).sort(), ['expand', 'id', 'name', 'self']);
  assert.equal(f?.self, `${h.siteA}/rest/api/3/filter/10001`);
});

test('expanded filters show owner, JQL, description and share permissions', async () => {
  const page = await filters('expand=sharePermissions,owner,jql,description&id=10001', h.adminBasic);
  const [f] = page.values;
  assert.equal(f?.jql, 'type = Bug');
  assert.equal(f?.description, 'Shared with everyone');
  assert.equal((f?.owner as Record<string, unknown> | undefined)?.accountId, TINY.member);
  assert.deepEqual(f?.sharePermissions, [{ id: 1, type: 'global' }]);
});

test('share permissions render as Jira returns them: loggedin, project with role, project-unknown', async () => {
  jira().filters.push({
    id: '10050',
    name: 'Shared every way',
    description: '',
    jql: 'project = ENG',
    ownerAccountId: TINY.admin,
    sharePermissions: [
      { id: 11, type: 'authenticated' },
      { id: 12, type: 'group', groupId: '0a000000-0000-4000-8000-000000000003' },
      { id: 13, type: 'project', projectId: '10000' },
      { id: 14, type: 'projectRole', projectId: '10000', roleId: 10001 },
      { id: 15, type: 'user', accountId: TINY.member },
      { id: 16, type: 'project', projectId: '10002' },
    ],
  });
  try {
    const [f] = (await filters('id=10050&expand=sharePermissions', eve)).values;
    const shares = f?.sharePermissions ?? [];
    assert.deepEqual(
      shares.map((s) => s.type),
      ['loggedin', 'group', 'project', 'project', 'user', 'project-unknown'],
    );
    assert.deepEqual(shares[1]?.group, {
      name: 'confluence-users-acme',
      groupId: '0a000000-0000-4000-8000-000000000003',
      self: `${h.siteA}/rest/api/3/group?groupId=0a000000-0000-4000-8000-000000000003`,
    });
    assert.equal((shares[2]?.project as Record<string, unknown> | undefined)?.key, 'ENG');
    assert.equal((shares[3]?.role as Record<string, unknown> | undefined)?.name, 'Developers');
    assert.equal((shares[4]?.user as Record<string, unknown> | undefined)?.accountId, TINY.member);
    assert.equal(shares[5]?.project, undefined);
    // The member leads TEAM, so for them it is a known project.
    const [forMo] = (await filters('id=10050&expand=sharePermissions', h.memberBasic)).values;
    assert.equal(forMo?.sharePermissions?.[5]?.type, 'project');
  } finally {
    jira().filters.pop();
  }
});

test('a filter shared with a project reaches exactly those who can browse it', async () => {
  jira().filters.push({
    id: '10051',
    name: 'Roadmap view',
    description: '',
    jql: 'project = PUB',
    ownerAccountId: TINY.admin,
    sharePermissions: [{ id: 21, type: 'project', projectId: '10001' }],
  });
  jira().filters.push({
    id: '10052',
    name: 'Team view',
    description: '',
    jql: 'project = TEAM',
    ownerAccountId: TINY.admin,
    sharePermissions: [{ id: 22, type: 'project', projectId: '10002' }],
  });
  try {
    assert.ok(names(await filters('')).includes('Roadmap view'));
    assert.ok(!names(await filters('')).includes('Team view'));
    assert.ok(names(await filters('', h.memberBasic)).includes('Team view'));
    assert.ok(!names(await filters('', eve)).includes('Team view'));
  } finally {
    jira().filters.splice(-2, 2);
  }
});

test('filterName, accountId and orderBy narrow and sort filters', async () => {
  assert.deepEqual(names(await filters('filterName=BUGS', h.memberBasic)), ['All bugs (public)']);
  assert.deepEqual(names(await filters(`accountId=${TINY.admin}`, h.memberBasic)), []);
  assert.deepEqual(names(await filters('orderBy=-name', h.memberBasic)), [
    'My open issues',
    'All bugs (public)',
  ]);
  assert.deepEqual(names(await filters('orderBy=id', h.memberBasic)), [
    'My open issues',
    'All bugs (public)',
  ]);
});

test('bad filter search parameters are a 400', async () => {
  for (const q of ['orderBy=colour', 'expand=everything', 'accountId=a&owner=b', 'id=x', 'startAt=-1']) {
    await assertJiraError(await h.get(`${h.siteA}/rest/api/3/filter/search?${q}`, h.memberBasic), 400);
  }
});

test('a filter walk returns every visible filter exactly once at several page sizes', async () => {
  for (const size of [1, 2, 50]) {
    const all = await walkPageBean<Item>(
      h,
      `${h.siteA}/rest/api/3/filter/search?maxResults=${size}`,
      h.memberBasic,
    );
    assert.deepEqual(
      all.map((f) => f.id),
      ['10001', '10000'],
      `page size ${size}`,
    );
  }
});

test('a dashboard shared with a group is visible to its members only, never to anonymous', async () => {
  assert.deepEqual(names(await dashboards('')), []);
  assert.deepEqual(names(await dashboards('', h.memberBasic)), ['Team board']);
  assert.deepEqual(names(await dashboards('', eve)), ['Team board']);
  assert.deepEqual(names(await dashboards('', outsiderBasic(h).basic)), []);
});

test('expanded dashboards show the owner as a UserBean, the description and the shares', async () => {
  const [d] = (await dashboards('expand=sharePermissions,owner,description', h.memberBasic)).values;
  assert.equal(d?.self, `${h.siteA}/rest/api/3/dashboard/10000`);
  assert.equal(d?.description, '');
  const owner = d?.owner as Record<string, unknown>;
  assert.equal(owner.accountId, TINY.admin);
  assert.equal(owner.accountType, undefined);
  assert.deepEqual(
    d?.sharePermissions?.map((s) => [s.type, (s.group as Record<string, unknown>).name]),
    [['group', 'jira-software-users-acme']],
  );
});

test('dashboards in another status are none; bad dashboard parameters are a 400', async () => {
  assert.deepEqual(names(await dashboards('status=archived', h.memberBasic)), []);
  for (const q of ['status=old', 'orderBy=size', 'expand=jql', 'groupId=a&groupname=b']) {
    await assertJiraError(await h.get(`${h.siteA}/rest/api/3/dashboard/search?${q}`, h.memberBasic), 400);
  }
});

test('dashboards filter by the group they are shared with', async () => {
  assert.deepEqual(names(await dashboards('groupname=jira-software-users-acme', h.memberBasic)), [
    'Team board',
  ]);
  assert.deepEqual(
    names(await dashboards('groupId=0a000000-0000-4000-8000-000000000001', h.memberBasic)),
    [],
  );
});
