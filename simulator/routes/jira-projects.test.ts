import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { assertJiraError, basicFor, walkPageBean } from './jira-test-support.ts';

type Project = Record<string, unknown> & { key: string };
type Page = { total: number; values: Project[] };

let eve: string;
const h = useHarness({
  setup: (h) => {
    eve = basicFor(h, TINY.external);
  },
});

const search = (query = '', auth?: string, site = h.siteA) =>
  h.json<Page>(`${site}/rest/api/3/project/search${query ? `?${query}` : ''}`, auth);
const keys = (page: Page) => page.values.map((p) => p.key);

test('an anonymous visitor sees only the projects anyone may browse', async () => {
  assert.deepEqual(keys(await search()), ['PUB']);
  assert.deepEqual(keys(await search('', undefined, h.siteB)), []);
});

test('each caller sees the projects they may view: members, outsiders of TEAM, admins', async () => {
  assert.deepEqual(keys(await search('', h.memberBasic)), ['ENG', 'PUB', 'TEAM']);
  assert.deepEqual(keys(await search('', eve)), ['ENG', 'PUB']);
  // Administer Jira shows every project, including the private one Ada cannot browse.
  assert.deepEqual(keys(await search('', h.adminBasic)), ['ENG', 'PUB', 'TEAM']);
  // No Jira access on acme-labs: like anonymous.
  assert.equal((await search('', h.memberBasic, h.siteB)).total, 0);
});

test('a project carries its id, key, type, style, privacy and avatars with absolute links', async () => {
  const team = (await search('keys=TEAM', h.memberBasic)).values[0];
  assert.ok(team);
  assert.equal(team.id, '10002');
  assert.equal(team.self, `${h.siteA}/rest/api/3/project/10002`);
  assert.equal(team.projectTypeKey, 'software');
  assert.equal(team.simplified, true);
  assert.equal(team.style, 'next-gen');
  assert.equal(team.isPrivate, true);
  assert.equal(team.archived, false);
  assert.equal(team.lead, undefined);
  assert.match(String((team.avatarUrls as Record<string, string>)['48x48']), /^http:\/\/127\.0\.0\.1:\d+\//);
});

test('expand adds the lead, insight and edit permission', async () => {
  const page = await search('expand=lead,insight,permissions,description&keys=ENG&keys=PUB', h.memberBasic);
  const [eng, pub] = page.values;
  assert.equal((eng?.lead as Record<string, unknown> | undefined)?.accountId, TINY.admin);
  assert.deepEqual(eng?.insight, {
    totalIssueCount: 120,
    lastIssueUpdateTime: '2026-10-31T12:00:00.000+0000',
  });
  assert.deepEqual(eng?.permissions, { canEdit: false });
  assert.deepEqual(pub?.permissions, { canEdit: true });
  assert.equal(eng?.description, '');
});

test('a full walk returns every project exactly once at several page sizes', async () => {
  for (const size of [1, 2, 3, 100]) {
    const all = await walkPageBean<Project>(
      h,
      `${h.siteA}/rest/api/3/project/search?maxResults=${size}`,
      h.adminBasic,
    );
    assert.deepEqual(
      all.map((p) => p.key),
      ['ENG', 'PUB', 'TEAM'],
      `page size ${size}`,
    );
  }
});

test('a page beyond the end is empty and last; an oversized page is capped at 100', async () => {
  const beyond = await h.json<Page & { isLast: boolean }>(
    `${h.siteA}/rest/api/3/project/search?startAt=10`,
    h.adminBasic,
  );
  assert.deepEqual(beyond.values, []);
  assert.equal(beyond.isLast, true);
  const capped = await h.json<{ maxResults: number }>(
    `${h.siteA}/rest/api/3/project/search?maxResults=5000`,
    h.adminBasic,
  );
  assert.equal(capped.maxResults, 100);
});

test('query, keys, id and typeKey narrow the search', async () => {
  assert.deepEqual(keys(await search('query=road', h.adminBasic)), ['PUB']);
  assert.deepEqual(keys(await search('query=eng', h.adminBasic)), ['ENG']);
  assert.deepEqual(keys(await search('keys=PUB&keys=TEAM', h.adminBasic)), ['PUB', 'TEAM']);
  assert.deepEqual(keys(await search('id=10000&id=10002', h.adminBasic)), ['ENG', 'TEAM']);
  assert.deepEqual(keys(await search('typeKey=software', h.adminBasic)), ['ENG', 'TEAM']);
  assert.deepEqual(keys(await search('status=archived', h.adminBasic)), []);
});

test('orderBy sorts by name, issue count or key in either direction', async () => {
  assert.deepEqual(keys(await search('orderBy=-key', h.adminBasic)), ['TEAM', 'PUB', 'ENG']);
  assert.deepEqual(keys(await search('orderBy=name', h.adminBasic)), ['ENG', 'PUB', 'TEAM']);
  assert.deepEqual(keys(await search('orderBy=-issueCount', h.adminBasic)), ['ENG', 'PUB', 'TEAM']);
  assert.deepEqual(keys(await search('orderBy=issueCount', h.adminBasic)), ['TEAM', 'PUB', 'ENG']);
});

test('action narrows to projects the caller can edit or create issues in', async () => {
  assert.deepEqual(keys(await search('action=edit', h.memberBasic)), ['PUB']);
  assert.deepEqual(keys(await search('action=create', h.memberBasic)), ['ENG']);
  assert.deepEqual(keys(await search('action=browse', h.adminBasic)), ['ENG', 'PUB']);
});

test('bad project search parameters are a 400', async () => {
  for (const q of [
    'orderBy=colour',
    'action=delete',
    'status=gone',
    'typeKey=games',
    'startAt=-1',
    'maxResults=0',
    'id=abc',
  ]) {
    await assertJiraError(await h.get(`${h.siteA}/rest/api/3/project/search?${q}`, h.adminBasic), 400);
  }
});

test('project search with a wrong API token is a 401', async () => {
  await assertJiraError(
    await h.get(`${h.siteA}/rest/api/3/project/search`, h.basic('ada@acme.example', 'bad')),
    401,
  );
});

test('role definitions are listed for a Jira admin, with their flags', async () => {
  const roles = await h.json<Record<string, unknown>[]>(`${h.siteA}/rest/api/3/role`, h.adminBasic);
  assert.deepEqual(
    roles.map((r) => [r.id, r.name, r.admin, r.self]),
    [
      [10001, 'Developers', false, `${h.siteA}/rest/api/3/role/10001`],
      [10002, 'Administrators', true, `${h.siteA}/rest/api/3/role/10002`],
    ],
  );
  assert.deepEqual(roles[0]?.actors, []);
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/role`, h.memberBasic), 403);
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/role`), 401);
});

test('a project’s roles map names to role URLs for anyone who administers some project', async () => {
  const map = await h.json(`${h.siteA}/rest/api/3/project/ENG/role`, h.memberBasic);
  assert.deepEqual(map, {
    Developers: `${h.siteA}/rest/api/3/project/10000/role/10001`,
    Administrators: `${h.siteA}/rest/api/3/project/10000/role/10002`,
  });
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/project/ENG/role`), 401);
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/project/NOPE/role`, h.adminBasic), 404);
});

test('a project role lists its user and group actors, sorted by display name', async () => {
  const role = await h.json<Record<string, unknown> & { actors: Record<string, unknown>[] }>(
    `${h.siteA}/rest/api/3/project/ENG/role/10001`,
    h.adminBasic,
  );
  assert.equal(role.name, 'Developers');
  assert.equal(role.self, `${h.siteA}/rest/api/3/project/10000/role/10001`);
  assert.equal(role.currentUserRole, true); // Ada is in jira-software-users-acme
  assert.deepEqual(
    role.actors.map((a) => [a.type, a.displayName, a.actorUser ?? a.actorGroup]),
    [
      [
        'atlassian-group-role-actor',
        'jira-software-users-acme',
        {
          name: 'jira-software-users-acme',
          displayName: 'jira-software-users-acme',
          groupId: '0a000000-0000-4000-8000-000000000002',
        },
      ],
      ['atlassian-user-role-actor', 'Mo Member', { accountId: TINY.member }],
    ],
  );
  assert.equal(typeof role.actors[0]?.id, 'number');
});

test('a project role is 404 to a user who cannot administer that project, 401 to anonymous', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/project/ENG/role/10001`, h.memberBasic), 404);
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/project/ENG/role/10001`), 401);
  const pub = await h.json<{ currentUserRole: boolean; actors: unknown[] }>(
    `${h.siteA}/rest/api/3/project/PUB/role/10002`,
    h.memberBasic,
  );
  assert.equal(pub.currentUserRole, true);
  assert.equal(pub.actors.length, 1);
});

test('a project role id that is not a number is a 400, an unknown one a 404', async () => {
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/project/ENG/role/abc`, h.adminBasic), 400);
  await assertJiraError(await h.get(`${h.siteA}/rest/api/3/project/ENG/role/99999`, h.adminBasic), 404);
});

test('excludeInactiveUsers drops inactive user actors from a role', async () => {
  const eng = h.sim.context.state.sitesById.get(TINY.siteA)?.jira?.projects[0];
  assert.ok(eng);
  eng.roles[1]?.userIds.push(TINY.inactive);
  try {
    const url = `${h.siteA}/rest/api/3/project/ENG/role/10001`;
    const all = await h.json<{ actors: { displayName: string }[] }>(url, h.adminBasic);
    assert.ok(all.actors.some((a) => a.displayName === 'Ian Inactive'));
    const active = await h.json<{ actors: { displayName: string }[] }>(
      `${url}?excludeInactiveUsers=true`,
      h.adminBasic,
    );
    assert.ok(!active.actors.some((a) => a.displayName === 'Ian Inactive'));
  } finally {
    eng.roles[1]?.userIds.pop();
  }
});
