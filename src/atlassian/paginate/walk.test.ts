import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestRejectedError } from '../errors.ts';
import { paginationStyles } from './index.ts';
import type { PageRequest } from './style.ts';
import { walkPages } from './walk.ts';

// The walk loop over styles no catalogue endpoint exercises against the simulator yet
// (Marketplace offsets) and over the quirks Atlassian documents but the simulator does not
// produce (short Jira pages, URL-shaped v2 cursors, a cursor that stops advancing).

const site = { endpointId: 'test.list', method: 'GET', url: 'https://example.atlassian.net/x' };

async function collect(
  styleName: keyof typeof paginationStyles,
  serve: (request: PageRequest) => unknown,
  resumeFrom: string | null = null,
  pageSize = 2,
) {
  const requests: PageRequest[] = [];
  const items: unknown[] = [];
  const tokens: (string | null)[] = [];
  for await (const page of walkPages({
    styleName,
    style: paginationStyles[styleName],
    pageSize,
    callerBody: undefined,
    resumeFrom,
    site,
    fetch: async (request) => {
      requests.push(request);
      return { body: serve(request), headers: {} };
    },
  })) {
    items.push(...page.items);
    tokens.push(page.next);
  }
  return { requests, items, tokens };
}

const ADDONS = ['a', 'b', 'c', 'd', 'e'];

function marketplacePage(request: PageRequest) {
  const offset = Number(request.query?.offset ?? 0);
  const limit = Number(request.query?.limit ?? 10);
  const page = ADDONS.slice(offset, offset + limit).map((key) => ({ key }));
  const more = offset + limit < ADDONS.length;
  return {
    _embedded: { addons: page },
    _links: {
      self: { href: `/rest/2/addons?offset=${offset}&limit=${limit}` },
      ...(more
        ? {
            next: [
              { href: `/rest/2/addons?offset=${offset + limit}&limit=${limit}`, type: 'application/json' },
              { href: `/search?offset=${offset + limit}`, type: 'text/html' },
            ],
          }
        : {}),
    },
    count: ADDONS.length,
  };
}

test('Marketplace offsets follow the JSON next link and resume from a token', async () => {
  const full = await collect('marketplace-offset', marketplacePage);
  assert.deepEqual(
    full.items.map((a) => (a as { key: string }).key),
    ADDONS,
  );
  assert.equal(full.requests.length, 3);
  const resumed = await collect('marketplace-offset', marketplacePage, full.tokens[0] ?? null);
  assert.deepEqual(
    resumed.items.map((a) => (a as { key: string }).key),
    ['c', 'd', 'e'],
  );
});

test('a Jira page shorter than asked for does not skip the items Jira held back', async () => {
  const values = [1, 2, 3, 4, 5];
  // Jira may cap maxResults below the request: it returns one item per page here.
  const served = await collect(
    'page-bean',
    (r) => {
      const startAt = Number(r.query?.startAt ?? 0);
      return {
        startAt,
        maxResults: 1,
        total: values.length,
        isLast: startAt + 1 >= values.length,
        values: values.slice(startAt, startAt + 1),
      };
    },
    null,
    50,
  );
  assert.deepEqual(served.items, values);
});

test('an admin v2 cursor given as a URL is sent back as the bare cursor', async () => {
  const served = await collect('admin-v2-cursor', (r) =>
    r.query?.cursor === 'abc'
      ? { data: [2], links: {} }
      : { data: [1], links: { next: 'https://api.atlassian.com/admin/v2/orgs/o/directories?cursor=abc' } },
  );
  assert.deepEqual(served.items, [1, 2]);
  assert.equal(served.requests[1]?.query?.cursor, 'abc');
});

test('admin v1 events fall back to meta.next when links carry no next', async () => {
  const served = await collect('admin-cursor', (r) =>
    r.query?.cursor === 'n1'
      ? { data: ['y'], links: {}, meta: {} }
      : { data: ['x'], links: {}, meta: { next: 'n1' } },
  );
  assert.deepEqual(served.items, ['x', 'y']);
});

test('a list whose cursor stops advancing fails instead of looping forever', async () => {
  await assert.rejects(
    collect('cursor-links', () => ({ results: [1], _links: { next: '/wiki/api/v2/spaces?cursor=same' } })),
    (e: Error & { code?: string }) => e.code === 'pagination' && /before/.test(e.message),
  );
});

test('GraphQL field errors inside a 200 become typed errors naming the permission', async () => {
  await assert.rejects(
    collect('graphql-relay', () => ({
      data: { ecosystem: { appInstallationsByContext: null } },
      errors: [
        {
          message: 'The current user is not permitted to view the apps installed in ari:cloud:jira::site/x',
          extensions: { statusCode: 403 },
        },
      ],
    })),
    (e: Error & { code?: string }) =>
      e.code === 'forbidden' && /not permitted to view the apps/.test(e.message),
  );
});

/** A body-cursor search over `total` items that answers 409 for pages above `slowAbove` items. */
function slowSearch(total: number, slowAbove: number) {
  const asked: number[] = [];
  const fetch = async (request: PageRequest) => {
    const body = request.body as { limit: number; cursor?: string };
    asked.push(body.limit);
    if (body.limit > slowAbove) {
      throw new RequestRejectedError({ ...site, status: 409 }, 'the request took longer than 10 seconds');
    }
    const offset = Number(body.cursor ?? 0);
    const data = Array.from({ length: Math.min(body.limit, total - offset) }, (_, i) => ({ id: offset + i }));
    const next = offset + data.length < total ? String(offset + data.length) : undefined;
    return { body: { data, links: next ? { next } : {} }, headers: {} };
  };
  return { asked, fetch };
}

test('a page the search took too long for (409) is asked again at half the size, and the walk keeps that size', async () => {
  const search = slowSearch(230, 30);
  const items: unknown[] = [];
  for await (const page of walkPages({
    styleName: 'admin-v2-body-cursor',
    style: paginationStyles['admin-v2-body-cursor'],
    pageSize: 100,
    callerBody: { expand: ['platformRoles'] },
    resumeFrom: null,
    site,
    shrinkOn: [409],
    fetch: search.fetch,
  })) {
    items.push(...page.items);
  }
  assert.equal(items.length, 230);
  assert.equal(new Set(items.map((i) => (i as { id: number }).id)).size, 230, 'no item twice or lost');
  // 100 and 50 are refused once each; every later page asks for 25 straight away.
  assert.deepEqual(search.asked.slice(0, 4), [100, 50, 25, 25]);
  assert.equal(search.asked.filter((n) => n > 25).length, 2);
});

test('a 409 at one item, or on an endpoint that does not shrink, is the error it was', async () => {
  const run = async (shrinkOn: number[] | undefined, slowAbove: number) => {
    const walk = walkPages({
      styleName: 'admin-v2-body-cursor',
      style: paginationStyles['admin-v2-body-cursor'],
      pageSize: 4,
      callerBody: undefined,
      resumeFrom: null,
      site,
      shrinkOn,
      fetch: slowSearch(10, slowAbove).fetch,
    });
    for await (const _ of walk) {
      // drain
    }
  };
  await assert.rejects(run([409], 0), (e) => e instanceof RequestRejectedError && e.status === 409);
  await assert.rejects(run(undefined, 2), (e) => e instanceof RequestRejectedError && e.status === 409);
});
