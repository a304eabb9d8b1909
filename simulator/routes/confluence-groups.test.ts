import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// Confluence REST v1 groups (with the accessType filter that finds admin groups) and members.

interface Page<T> {
  results: T[];
  start: number;
  limit: number;
  size: number;
  totalSize?: number;
  _links: { base: string; next?: string; self: string };
}
interface V1Group {
  type: string;
  name: string;
  id: string;
}
interface V1User {
  type: string;
  accountId: string;
  accountType: string;
  email: string;
  publicName: string;
  displayName: string;
}

const CONFLUENCE_USERS = '0a000000-0000-4000-8000-000000000003';
const ADDONS = '0a000000-0000-4000-8000-000000000004';

const h = useHarness({ resetBeforeEach: true });

async function walk<T>(first: string, auth: string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let url: string | undefined = first;
  while (url) {
    const page: Page<T> = await h.json<Page<T>>(url, auth);
    pages++;
    items.push(...page.results);
    url = page._links.next ? `${page._links.base}${page._links.next}` : undefined;
  }
  return { items, pages };
}

test('every group is listed by name with its id, and the total size', async () => {
  const page = await h.json<Page<V1Group>>(`${h.siteA}/wiki/rest/api/group`, h.memberBasic);
  assert.deepEqual(
    page.results.map((g) => g.name),
    ['atlassian-addons-admin', 'confluence-users-acme', 'jira-software-users-acme', 'site-admins'],
  );
  assert.deepEqual(
    { ...page.results[1], _links: undefined },
    {
      type: 'group',
      name: 'confluence-users-acme',
      id: CONFLUENCE_USERS,
      _links: undefined,
    },
  );
  assert.deepEqual([page.start, page.limit, page.size, page.totalSize], [0, 200, 4, 4]);
});

test('accessType finds the groups that grant Confluence use and site administration', async () => {
  const names = async (type: string) =>
    (
      await h.json<Page<V1Group>>(`${h.siteA}/wiki/rest/api/group?accessType=${type}`, h.adminBasic)
    ).results.map((g) => g.name);
  assert.deepEqual(await names('user'), ['confluence-users-acme']);
  assert.deepEqual(await names('site-admin'), ['site-admins']);
  assert.deepEqual(await names('admin'), []);
  assert.equal((await h.get(`${h.siteA}/wiki/rest/api/group?accessType=owner`, h.adminBasic)).status, 400);
});

test('a full walk of groups returns each exactly once at page sizes 1, 3 and 4', async () => {
  for (const limit of [1, 3, 4]) {
    const { items, pages } = await walk<V1Group>(
      `${h.siteA}/wiki/rest/api/group?limit=${limit}`,
      h.adminBasic,
    );
    assert.equal(new Set(items.map((g) => g.id)).size, 4, `limit ${limit}`);
    assert.equal(items.length, 4);
    assert.equal(pages, Math.ceil(4 / limit));
  }
});

test('members come back as known users with account type, e-mail and names', async () => {
  const page = await h.json<Page<V1User>>(
    `${h.siteA}/wiki/rest/api/group/${CONFLUENCE_USERS}/membersByGroupId`,
    h.memberBasic,
  );
  assert.deepEqual(
    page.results.map((u) => [u.displayName, u.accountId]),
    [
      ['Ada Admin', TINY.admin],
      ['Eve External', TINY.external],
      ['Mo Member', TINY.member],
    ],
  );
  const mo = page.results[2];
  assert.deepEqual(
    [mo?.type, mo?.accountType, mo?.email, mo?.publicName],
    ['known', 'atlassian', 'mo@acme.example', 'Mo'],
  );
  assert.equal(page.totalSize, undefined);
  const apps = await h.json<Page<V1User>>(
    `${h.siteA}/wiki/rest/api/group/${ADDONS}/membersByGroupId?shouldReturnTotalSize=true`,
    h.adminBasic,
  );
  assert.deepEqual(
    apps.results.map((u) => u.accountType),
    ['app', 'app'],
  );
  assert.equal(apps.totalSize, 2);
});

test('a full walk of members returns each exactly once at page sizes 1 and 2', async () => {
  for (const limit of [1, 2]) {
    const { items } = await walk<V1User>(
      `${h.siteA}/wiki/rest/api/group/${CONFLUENCE_USERS}/membersByGroupId?limit=${limit}`,
      h.adminBasic,
    );
    assert.deepEqual(
      items.map((u) => u.accountId),
      [TINY.admin, TINY.external, TINY.member],
    );
  }
});

test('an unknown group is a 404 in the v1 error format', async () => {
  const res = await h.get(`${h.siteA}/wiki/rest/api/group/not-a-group/membersByGroupId`, h.adminBasic);
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as { statusCode: number }).statusCode, 404);
});

test('no credentials or wrong ones are a 401; a user without Confluence access a 403', async () => {
  assert.equal((await h.get(`${h.siteA}/wiki/rest/api/group`)).status, 401);
  assert.equal(
    (await h.get(`${h.siteA}/wiki/rest/api/group`, h.basic('mo@acme.example', 'nope'))).status,
    401,
  );
  const state = h.sim.context.state;
  const group = state.groupsById.get(CONFLUENCE_USERS);
  if (group) group.memberIds = group.memberIds.filter((id) => id !== TINY.member);
  state.reindex();
  const res = await h.get(`${h.siteA}/wiki/rest/api/group`, h.memberBasic);
  assert.equal(res.status, 403);
  assert.equal(
    ((await res.json()) as { message: string }).message,
    'Current user not permitted to use Confluence',
  );
});
