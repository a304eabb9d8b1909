import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';
import { connect } from './oauth-testing.ts';

// Confluence REST v2 spaces and space permissions against the tiny tenant: ENG (group read,
// Ada administers), PUBLIC (anonymous and unlicensed read), ARCH (archived, no grants).

interface SpacePage {
  results: { id: string; key: string; name: string; type: string; status: string; [k: string]: unknown }[];
  _links: { next?: string; base: string };
}

const h = useHarness({ resetBeforeEach: true });

const spaces = (query = '', auth?: string) => h.get(`${h.siteA}/wiki/api/v2/spaces${query}`, auth);

async function keys(query: string, auth?: string): Promise<string[]> {
  const res = await spaces(query, auth);
  assert.equal(res.status, 200);
  return ((await res.json()) as SpacePage).results.map((s) => s.key);
}

/** Follows `_links.next` (relative to the site) until the last page. */
async function walk(limit: number): Promise<{ keys: string[]; pages: number }> {
  const seen: string[] = [];
  let url: string | undefined = `${h.siteA}/wiki/api/v2/spaces?limit=${limit}`;
  let pages = 0;
  while (url) {
    const res = await h.get(url, h.adminBasic);
    assert.equal(res.status, 200);
    const page = (await res.json()) as SpacePage;
    pages++;
    seen.push(...page.results.map((s) => s.key));
    const next = page._links.next;
    if (next)
      assert.equal(res.headers.get('link'), `<${next}>; rel="next", <${page._links.base}>; rel="base"`);
    else assert.equal(res.headers.get('link'), null);
    url = next ? `${h.siteA}${next}` : undefined;
  }
  return { keys: seen, pages };
}

test('an admin lists every space sorted by id, with the SpaceBulk fields and string ids', async () => {
  const res = await spaces('', h.adminBasic);
  assert.equal(res.status, 200);
  const page = (await res.json()) as SpacePage;
  assert.deepEqual(
    page.results.map((s) => [s.id, s.key, s.status]),
    [
      ['65537', 'ENG', 'current'],
      ['65538', 'PUBLIC', 'current'],
      ['65539', 'ARCH', 'archived'],
    ],
  );
  assert.deepEqual(page.results[0], {
    id: '65537',
    key: 'ENG',
    name: 'Engineering',
    type: 'global',
    status: 'current',
    authorId: TINY.admin,
    createdAt: '2024-12-01T12:00:00.000Z',
    homepageId: '98305',
    _links: { webui: '/spaces/ENG' },
  });
  assert.equal(page._links.base, `${h.siteA}/wiki`);
  assert.equal(page._links.next, undefined);
});

test('the description appears only in the format asked for, and the icon only on request', async () => {
  const plain = (await (
    await spaces('?keys=ENG&description-format=plain', h.adminBasic)
  ).json()) as SpacePage;
  assert.deepEqual(plain.results[0]?.description, {
    plain: { representation: 'plain', value: 'Engineering handbook' },
  });
  assert.equal(plain.results[0]?.icon, undefined);
  const view = (await (
    await spaces('?keys=ENG&description-format=view&include-icon=true', h.adminBasic)
  ).json()) as SpacePage;
  assert.deepEqual(view.results[0]?.description, {
    view: { representation: 'view', value: '<p>Engineering handbook</p>' },
  });
  assert.ok((view.results[0]?.icon as { path: string } | undefined)?.path.startsWith('/wiki/'));
});

test('ids, keys, type, status and sort filter and order the list', async () => {
  assert.deepEqual(await keys('?ids=65538,65539', h.adminBasic), ['PUBLIC', 'ARCH']);
  assert.deepEqual(await keys('?ids=65537&ids=65539', h.adminBasic), ['ENG', 'ARCH']);
  assert.deepEqual(await keys('?keys=ARCH,ENG', h.adminBasic), ['ENG', 'ARCH']);
  assert.deepEqual(await keys('?status=archived', h.adminBasic), ['ARCH']);
  assert.deepEqual(await keys('?type=personal', h.adminBasic), []);
  assert.deepEqual(await keys('?sort=-key', h.adminBasic), ['PUBLIC', 'ENG', 'ARCH']);
  assert.deepEqual(await keys('?labels=docs', h.adminBasic), []);
});

test('a full walk returns every space exactly once at page sizes 1, 2 and 3', async () => {
  for (const [limit, pages] of [
    [1, 3],
    [2, 2],
    [3, 1],
  ] as const) {
    const result = await walk(limit);
    assert.deepEqual(result.keys, ['ENG', 'PUBLIC', 'ARCH'], `limit ${limit}`);
    assert.equal(result.pages, pages, `limit ${limit}`);
  }
});

test('a member sees the spaces granted to their group and to anonymous, not the ungranted archive', async () => {
  assert.deepEqual(await keys('', h.memberBasic), ['ENG', 'PUBLIC']);
});

test('an anonymous caller sees only PUBLIC, and nothing once site-wide anonymous access is off', async () => {
  assert.deepEqual(await keys(''), ['PUBLIC']);
  const site = h.sim.context.state.sitesById.get(TINY.siteA);
  if (site?.confluence) site.confluence.anonymousOperations = [];
  assert.deepEqual(await keys(''), []);
});

test('space permissions show users, groups, and anonymous and unlicensed access as role principals', async () => {
  const eng = (await h.json(`${h.siteA}/wiki/api/v2/spaces/65537/permissions`, h.adminBasic)) as SpacePage;
  assert.deepEqual(eng.results, [
    {
      id: '1001',
      principal: { type: 'group', id: '0a000000-0000-4000-8000-000000000003' },
      operation: { key: 'read', targetType: 'space' },
    },
    {
      id: '1002',
      principal: { type: 'user', id: TINY.admin },
      operation: { key: 'administer', targetType: 'space' },
    },
  ]);
  const pub = (await h.json(`${h.siteA}/wiki/api/v2/spaces/65538/permissions`, h.memberBasic)) as SpacePage;
  assert.deepEqual(
    pub.results.map((p) => p.principal),
    [
      { type: 'role', id: 'anonymous' },
      { type: 'role', id: 'unlicensed' },
    ],
  );
});

test('space permissions page with a cursor: every grant exactly once at page size 1', async () => {
  const ids: string[] = [];
  let url: string | undefined = `${h.siteA}/wiki/api/v2/spaces/65537/permissions?limit=1`;
  while (url) {
    const page = (await h.json(url, h.adminBasic)) as SpacePage;
    ids.push(...page.results.map((p) => p.id));
    url = page._links.next ? `${h.siteA}${page._links.next}` : undefined;
  }
  assert.deepEqual(ids, ['1001', '1002']);
});

test('permissions of a space the caller cannot view, or that does not exist, are a v2 404', async () => {
  const hidden = await h.get(`${h.siteA}/wiki/api/v2/spaces/65539/permissions`, h.memberBasic);
  assert.equal(hidden.status, 404);
  const body = (await hidden.json()) as { errors: { status: number; code: string }[] };
  assert.equal(body.errors[0]?.status, 404);
  assert.equal(body.errors[0]?.code, 'NOT_FOUND');
  assert.equal((await h.get(`${h.siteA}/wiki/api/v2/spaces/99999/permissions`, h.adminBasic)).status, 404);
  assert.equal((await h.get(`${h.siteA}/wiki/api/v2/spaces/abc/permissions`, h.adminBasic)).status, 400);
});

test('wrong credentials are a 401 in the v2 error format; anonymous may not read permissions', async () => {
  const wrong = await spaces('', h.basic('ada@acme.example', 'not-the-token'));
  assert.equal(wrong.status, 401);
  const body = (await wrong.json()) as { errors: { status: number; code: string }[] };
  assert.deepEqual([body.errors[0]?.status, body.errors[0]?.code], [401, 'UNAUTHORIZED']);
  assert.equal((await h.get(`${h.siteA}/wiki/api/v2/spaces/65538/permissions`)).status, 401);
});

test('bad parameters are 400s: an unknown type, a non-numeric id, a forged cursor', async () => {
  assert.equal((await spaces('?type=team', h.adminBasic)).status, 400);
  assert.equal((await spaces('?ids=ENG', h.adminBasic)).status, 400);
  assert.equal((await spaces('?sort=created', h.adminBasic)).status, 400);
  const forged = await spaces('?cursor=bm90LWEtY3Vyc29y', h.adminBasic);
  assert.equal(forged.status, 400);
  const body = (await forged.json()) as { errors: { code: string }[] };
  assert.equal(body.errors[0]?.code, 'INVALID_REQUEST_PARAMETER');
});

test('a signed-in user without Confluence access gets a 403, and a site without Confluence a 404', async () => {
  const state = h.sim.context.state;
  for (const g of state.tenant.groups) g.memberIds = g.memberIds.filter((id) => id !== TINY.member);
  state.reindex();
  const res = await spaces('', h.memberBasic);
  assert.equal(res.status, 403);
  assert.equal((await h.get(`${h.siteB}/wiki/api/v2/spaces`, h.adminBasic)).status, 404);
});

test('through 3LO the same spaces are served under /ex/confluence/{cloudId}', async () => {
  const tokens = await connect(h, 'read:space:confluence offline_access');
  const res = await h.get(
    `${h.api}/ex/confluence/${TINY.siteA}/wiki/api/v2/spaces?limit=2`,
    `Bearer ${tokens.access_token}`,
  );
  assert.equal(res.status, 200);
  const page = (await res.json()) as SpacePage;
  assert.deepEqual(
    page.results.map((s) => s.key),
    ['ENG', 'PUBLIC'],
  );
  assert.ok(page._links.next?.startsWith('/wiki/api/v2/spaces?'));
});
