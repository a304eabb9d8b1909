import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAdminError } from '../testing/admin-errors.ts';
import { useHarness } from '../testing/harness.ts';
import { TINY, tinyTenant } from '../testing/tiny-tenant.ts';

const h = useHarness({
  tenant: () => {
    const tenant = tinyTenant();
    const labs = tenant.sites.find((s) => s.id === TINY.siteB);
    if (labs) labs.sandbox = true;
    return tenant;
  },
});

interface Workspace {
  id: string;
  attributes: { name: string; typeKey: string; hostUrl: string; sandbox: { type: string } };
}
interface WorkspacePage {
  data: Workspace[];
  links: { self: string; prev?: string; next?: string };
  meta: { pageSize: number; startIndex: number; endIndex: number; total: number };
}

async function search(body: unknown, authorization = h.orgKey): Promise<WorkspacePage> {
  const res = await h.send('POST', `${h.orgV2}/workspaces`, body, authorization);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as WorkspacePage;
}

test('each product of each site is one workspace, with its type key and host URL', async () => {
  const page = await search({});
  assert.deepEqual(
    page.data.map((w) => [w.id, w.attributes.typeKey, w.attributes.hostUrl]),
    [
      [`ari:cloud:jira::site/${TINY.siteA}`, 'jira-software', h.siteA],
      [`ari:cloud:confluence::site/${TINY.siteA}`, 'confluence', h.siteA],
      [`ari:cloud:jira::site/${TINY.siteB}`, 'jira-software', h.siteB],
    ],
  );
  assert.deepEqual(page.data[1], {
    id: `ari:cloud:confluence::site/${TINY.siteA}`,
    type: 'workspace',
    attributes: {
      name: 'acme',
      typeKey: 'confluence',
      type: 'confluence',
      owner: TINY.orgId,
      status: 'online',
      statusDetails: [],
      icons: {},
      avatars: {},
      labels: [],
      sandbox: { type: 'NONE' },
      // Active accounts with Confluence access on acme: Ada, Mo and Eve.
      usage: 3,
      createdAt: '2024-08-23T12:00:00.000Z',
      updatedAt: '2024-08-23T12:00:00.000Z',
      hostUrl: h.siteA,
    },
    links: {
      self: `${h.orgV2}/workspaces/${encodeURIComponent(`ari:cloud:confluence::site/${TINY.siteA}`)}`,
    },
    relationships: {},
  });
  assert.deepEqual(page.meta, { pageSize: 20, startIndex: 0, endIndex: 3, total: 3 });
  assert.equal(page.links.next, undefined);
});

test('a sandbox site is a CHILD sandbox workspace; production sites say NONE', async () => {
  const page = await search({});
  assert.deepEqual(
    page.data.map((w) => [w.attributes.name, w.attributes.sandbox.type]),
    [
      ['acme', 'NONE'],
      ['acme', 'NONE'],
      ['acme-labs', 'CHILD'],
    ],
  );
});

test('walking the workspaces with the body cursor returns each once at several page sizes', async () => {
  for (const limit of [1, 2, 3]) {
    const ids: string[] = [];
    const metas: WorkspacePage['meta'][] = [];
    let cursor: string | undefined;
    do {
      const page = await search({ limit, ...(cursor ? { cursor } : {}) });
      ids.push(...page.data.map((w) => w.id));
      metas.push(page.meta);
      cursor = page.links.next;
    } while (cursor);
    assert.equal(ids.length, 3, `limit ${limit}`);
    assert.equal(new Set(ids).size, 3);
    assert.deepEqual(
      metas.map((m) => m.startIndex),
      Array.from({ length: Math.ceil(3 / limit) }, (_, i) => i * limit),
    );
    assert.ok(metas.every((m) => m.total === 3 && m.pageSize === limit));
  }
});

test('sort orders the workspaces by name or type key', async () => {
  const byName = await search({ sort: [{ field: 'attributes.name.raw', order: 'desc' }] });
  assert.deepEqual(
    byName.data.map((w) => w.attributes.name),
    ['acme-labs', 'acme', 'acme'],
  );
  const byType = await search({ sort: [{ field: 'attributes.typeKey', order: 'asc' }] });
  assert.equal(byType.data[0]?.attributes.typeKey, 'confluence');
});

test('a malformed body, limit or cursor is a 400', async () => {
  for (const body of [[1, 2], { limit: 0 }, { limit: 'ten' }, { cursor: 5 }, { query: 'x' }, { sort: {} }]) {
    const res = await h.send('POST', `${h.orgV2}/workspaces`, body, h.orgKey);
    assert.equal(res.status, 400, JSON.stringify(body));
  }
  const res = await h.send('POST', `${h.orgV2}/workspaces`, { cursor: 'bogus' }, h.orgKey);
  await assertAdminError(res, 400, 'ADMIN-400-1');
});

test('an oversized limit is capped at the largest page Atlassian serves', async () => {
  const page = await search({ limit: 10_000 });
  assert.equal(page.meta.pageSize, 100);
  assert.equal(page.data.length, 3);
});
