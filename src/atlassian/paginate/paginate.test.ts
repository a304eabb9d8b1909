import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import type { EndpointId } from '../api.ts';
import type { AtlassianClient } from '../client.ts';
import { biggerTenant, clientFor, counters, resetCounters, siteA, walk } from '../test-support.ts';

// Every catalogue pagination style, walked against the simulator: each item once, each page
// fetched once, and a walk resumed from any page's token continues exactly there.

let h: Harness;
let api: AtlassianClient;
const USERS = 230;
const EVENTS = 230;

before(async () => {
  h = await startHarness({ tenant: biggerTenant(USERS, EVENTS) });
  api = clientFor(h);
});
after(async () => {
  await api.close();
  await h.stop();
});

interface Case {
  endpoint: EndpointId;
  /** Small pages so the tiny tenant spans several (admin v1 has fixed page sizes). */
  pageSize?: number;
  params?: Record<string, string>;
  body?: unknown;
  key(item: unknown): string;
  /** Items the full walk must hold at least. */
  atLeast: number;
}

const field =
  (...path: string[]) =>
  (item: unknown): string => {
    let v: unknown = item;
    for (const p of path) v = (v as Record<string, unknown>)[p];
    return String(v);
  };

const installationsQuery = `query installs($contexts: [ID!]!, $first: Int, $after: String) {
  ecosystem { appInstallationsByContext(filter: {appInstallations: {contexts: $contexts}}, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } nodes { id installationContext app { id name } } } } }`;

const cases: Case[] = [
  { endpoint: 'jira.projects.search', pageSize: 1, key: field('id'), atLeast: 3 },
  { endpoint: 'jira.users.search', pageSize: 50, key: field('accountId'), atLeast: USERS },
  { endpoint: 'jira.auditRecords.list', pageSize: 1, key: field('id'), atLeast: 2 },
  { endpoint: 'confluence.spaces.list', pageSize: 1, key: field('id'), atLeast: 3 },
  { endpoint: 'confluence.spacesWithPermissions.list', pageSize: 1, key: field('key'), atLeast: 3 },
  { endpoint: 'admin.users.list', params: { orgId: TINY.orgId }, key: field('account_id'), atLeast: USERS },
  { endpoint: 'admin.events.list', params: { orgId: TINY.orgId }, key: field('id'), atLeast: EVENTS },
  {
    endpoint: 'admin.directory.users.list',
    pageSize: 40,
    params: { orgId: TINY.orgId, directoryId: '-' },
    key: field('accountId'),
    atLeast: USERS,
  },
  {
    endpoint: 'admin.workspaces.search',
    pageSize: 1,
    params: { orgId: TINY.orgId },
    key: field('id'),
    atLeast: 3,
  },
  {
    endpoint: 'graphql.appInstallations.list',
    pageSize: 1,
    body: {
      query: installationsQuery,
      variables: {
        contexts: [`ari:cloud:jira::site/${TINY.siteA}`, `ari:cloud:confluence::site/${TINY.siteA}`],
      },
    },
    key: field('id'),
    atLeast: 2,
  },
  { endpoint: 'jira.permissionSchemes.list', key: field('permissionSchemes', 'length'), atLeast: 1 },
];

function options(c: Case, resumeFrom?: string | null) {
  return {
    site: siteA(h),
    ...(c.pageSize ? { pageSize: c.pageSize } : {}),
    ...(c.params ? { params: c.params } : {}),
    ...(c.body ? { body: c.body } : {}),
    ...(resumeFrom !== undefined ? { resumeFrom } : {}),
  };
}

for (const c of cases) {
  test(`${c.endpoint} walks the whole list once, one call per page, and resumes from any page`, async () => {
    await resetCounters(h);
    const full = await walk(api.pages(c.endpoint, options(c)));
    const keys = full.items.map(c.key);
    assert.ok(keys.length >= c.atLeast, `${keys.length} items, expected at least ${c.atLeast}`);
    assert.equal(new Set(keys).size, keys.length, 'no item twice');
    assert.equal(full.tokens.at(-1), null, 'the last page has no next token');
    const served = await counters(h);
    assert.equal(served.calls[c.endpoint], full.tokens.length, 'exactly one call per page');

    // Resume from every page's token: the rest of the walk is exactly the remaining items.
    let consumed = 0;
    const pageSizes: number[] = [];
    for await (const page of api.pages(c.endpoint, options(c))) pageSizes.push(page.items.length);
    for (let i = 0; i < full.tokens.length - 1; i++) {
      consumed += pageSizes[i] ?? 0;
      const rest = await walk(api.pages(c.endpoint, options(c, full.tokens[i])));
      assert.deepEqual(rest.items.map(c.key), keys.slice(consumed), `resumed after page ${i + 1}`);
    }
  });
}

test('a walk asks for the endpoint’s maximum page size unless told otherwise', async () => {
  await resetCounters(h);
  const users = await walk(api.pages('jira.users.search', { site: siteA(h) }));
  assert.ok(users.items.length >= USERS);
  // The catalogue's maximum for /users/search is 1000: one page holds every user.
  assert.equal(users.tokens.length, 1);
  assert.equal((await counters(h)).calls['jira.users.search'], 1);
});

test('a resume token from another pagination style is refused with a PaginationError', async () => {
  const token = JSON.stringify({ s: 'page-bean', startAt: 1 });
  await assert.rejects(
    walk(api.pages('confluence.spaces.list', { site: siteA(h), resumeFrom: token })),
    (e: Error & { code?: string }) => e.code === 'pagination',
  );
});
