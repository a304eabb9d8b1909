import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// Confluence REST v1 `/wiki/rest/api/space?expand=permissions`: the anonymousAccess and
// unlicensedAccess flags Palisade reads to find spaces open to the world or to JSM customers.

interface V1Permission {
  id: number;
  subjects?: {
    user?: { results: { type: string; accountId: string; displayName: string }[]; size: number };
    group?: { results: { type: string; name: string; id: string }[]; size: number };
  };
  operation: { operation: string; targetType: string };
  anonymousAccess: boolean;
  unlicensedAccess: boolean;
}
interface V1Space {
  id: number;
  key: string;
  type: string;
  status: string;
  permissions?: V1Permission[];
  _expandable: Record<string, string>;
  _links: { webui: string; self: string };
  [k: string]: unknown;
}
interface V1Page {
  results: V1Space[];
  start: number;
  limit: number;
  size: number;
  _links: { base: string; context: string; next?: string; self: string };
}

const h = useHarness({ resetBeforeEach: true });

const list = (query: string, auth?: string) => h.json<V1Page>(`${h.siteA}/wiki/rest/api/space${query}`, auth);

test('PUBLIC carries one anonymous and one unlicensed read grant, with no subjects', async () => {
  const page = await list('?spaceKey=PUBLIC&expand=permissions', h.adminBasic);
  assert.deepEqual(page.results[0]?.permissions, [
    {
      id: 2001,
      operation: { operation: 'read', targetType: 'space' },
      anonymousAccess: true,
      unlicensedAccess: false,
    },
    {
      id: 2002,
      operation: { operation: 'read', targetType: 'space' },
      anonymousAccess: false,
      unlicensedAccess: true,
    },
  ]);
  assert.ok(page.results[0]?.permissions?.some((p) => p.anonymousAccess));
  assert.ok(page.results[0]?.permissions?.some((p) => p.unlicensedAccess));
});

test('ENG grants name their group and user subjects as v1 Group and User objects', async () => {
  const page = await list('?spaceKey=ENG&expand=permissions', h.adminBasic);
  const [group, user] = page.results[0]?.permissions ?? [];
  assert.equal(group?.id, 1001);
  assert.deepEqual(group?.subjects?.group?.size, 1);
  assert.deepEqual(
    { ...group?.subjects?.group?.results[0], _links: undefined },
    {
      type: 'group',
      name: 'confluence-users-acme',
      id: '0a000000-0000-4000-8000-000000000003',
      _links: undefined,
    },
  );
  assert.equal(group?.anonymousAccess, false);
  assert.deepEqual(user?.operation, { operation: 'administer', targetType: 'space' });
  const ada = user?.subjects?.user?.results[0];
  assert.deepEqual([ada?.type, ada?.accountId, ada?.displayName], ['known', TINY.admin, 'Ada Admin']);
});

test('spaces are ordered by key with numeric ids, links and the unexpanded parts in _expandable', async () => {
  const page = await list('', h.adminBasic);
  assert.deepEqual(
    page.results.map((s) => [s.key, s.id, s.status]),
    [
      ['ARCH', 65539, 'archived'],
      ['ENG', 65537, 'current'],
      ['PUBLIC', 65538, 'current'],
    ],
  );
  const eng = page.results[1];
  assert.equal(eng?.permissions, undefined);
  assert.equal(eng?._expandable.permissions, '');
  assert.equal(eng?._links.self, `${h.siteA}/wiki/rest/api/space/ENG`);
  assert.equal(eng?._links.webui, '/spaces/ENG');
  assert.deepEqual([page.start, page.limit, page.size], [0, 25, 3]);
  assert.equal(page._links.base, `${h.siteA}/wiki`);
});

test('an anonymous caller lists PUBLIC only, and nothing once site-wide anonymous access is off', async () => {
  const page = await list('?expand=permissions');
  assert.deepEqual(
    page.results.map((s) => s.key),
    ['PUBLIC'],
  );
  // Anonymous may view the space but not administer it, so its grants stay hidden.
  assert.deepEqual(page.results[0]?.permissions, []);
  const site = h.sim.context.state.sitesById.get(TINY.siteA);
  if (site?.confluence) site.confluence.anonymousOperations = [];
  assert.deepEqual((await list('?expand=permissions')).results, []);
});

test('a member sees ENG and PUBLIC but not the grants of spaces they do not administer', async () => {
  const page = await list('?expand=permissions', h.memberBasic);
  assert.deepEqual(
    page.results.map((s) => [s.key, s.permissions?.length]),
    [
      ['ENG', 0],
      ['PUBLIC', 0],
    ],
  );
});

test('a full walk returns every space exactly once at page sizes 1, 2 and 3', async () => {
  for (const limit of [1, 2, 3]) {
    const seen: string[] = [];
    let url: string | undefined = `${h.siteA}/wiki/rest/api/space?limit=${limit}&expand=permissions`;
    while (url) {
      const page: V1Page = await h.json<V1Page>(url, h.adminBasic);
      seen.push(...page.results.map((s) => s.key));
      url = page._links.next ? `${page._links.base}${page._links.next}` : undefined;
    }
    assert.deepEqual(seen, ['ARCH', 'ENG', 'PUBLIC'], `limit ${limit}`);
  }
});

test('spaceKey, spaceId, type and status filter the list; bad values are 400s', async () => {
  const keys = async (q: string) => (await list(q, h.adminBasic)).results.map((s) => s.key);
  assert.deepEqual(await keys('?spaceKey=ENG&spaceKey=ARCH'), ['ARCH', 'ENG']);
  assert.deepEqual(await keys('?spaceId=65538'), ['PUBLIC']);
  assert.deepEqual(await keys('?status=current'), ['ENG', 'PUBLIC']);
  assert.deepEqual(await keys('?type=personal'), []);
  assert.equal((await h.get(`${h.siteA}/wiki/rest/api/space?status=gone`, h.adminBasic)).status, 400);
  assert.equal((await h.get(`${h.siteA}/wiki/rest/api/space?spaceId=ENG`, h.adminBasic)).status, 400);
});

test('expand=description.plain,history renders those parts and drops them from _expandable', async () => {
  const page = await list('?spaceKey=ENG&expand=description.plain,history', h.adminBasic);
  const eng = page.results[0];
  assert.deepEqual(eng?.description, {
    plain: { value: 'Engineering handbook', embeddedContent: [], representation: 'plain' },
    _expandable: { view: '' },
  });
  assert.equal(
    (eng?.history as { createdDate: string } | undefined)?.createdDate,
    '2024-12-01T12:00:00.000Z',
  );
  assert.equal(eng?._expandable.description, undefined);
  assert.equal(eng?._expandable.history, undefined);
});

test('wrong credentials are a 401 in the v1 error format', async () => {
  const res = await h.get(`${h.siteA}/wiki/rest/api/space`, h.basic('mo@acme.example', 'wrong'));
  assert.equal(res.status, 401);
  const body = (await res.json()) as { statusCode: number; message: string };
  assert.equal(body.statusCode, 401);
});
