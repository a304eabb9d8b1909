import type { Pagination } from '../../src/atlassian/catalogue/index.ts';
import { describeReply, type Reply } from './client.ts';

// A client-side walker per Atlassian pagination style (docs/atlassian/API.md §0.2). Each one
// follows only what the responses say (nextPage/isLast, a short page, total, `_links.next`,
// `links.next`/`meta.next`, a POST-body cursor, pageInfo), never the simulator's internals, so a
// walk that returns every item exactly once is what a real client would get.

export type Fetcher = (method: string, url: string, body?: unknown) => Promise<Reply>;

export interface WalkStart {
  method: string;
  /** The first page's URL, with the request's own query parameters. */
  url: string;
  body?: unknown;
  /** The page size to ask for; undefined for styles where the client cannot choose (admin v1). */
  pageSize: number | undefined;
}

export interface Walk {
  items: unknown[];
  pages: number;
  /** A total the responses reported, where the style reports one. */
  total?: number;
  /** What went wrong: a non-200, a malformed page, a loop. Empty for a clean walk. */
  problems: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_PAGES = 2_000;

function withQuery(url: string, changes: Record<string, string | number | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) u.searchParams.delete(k);
    else u.searchParams.set(k, String(v));
  }
  return u.toString();
}

const isAbsolute = (s: string) => /^https?:\/\//.test(s);

/** Fetches one page; a non-200 ends the walk with a problem. */
async function fetchPage(fetcher: Fetcher, walk: Walk, method: string, url: string, body?: unknown) {
  walk.pages++;
  const reply = await fetcher(method, url, body);
  if (reply.status === 200) return reply;
  walk.problems.push(`page ${walk.pages}: ${describeReply(reply)}`);
  return undefined;
}

async function page(
  fetcher: Fetcher,
  walk: Walk,
  method: string,
  url: string,
  body?: unknown,
): Promise<unknown> {
  return (await fetchPage(fetcher, walk, method, url, body))?.body;
}

function arrayAt(walk: Walk, body: unknown, field: string): unknown[] | undefined {
  const list = isObject(body) ? body[field] : undefined;
  if (Array.isArray(list)) return list;
  walk.problems.push(`page ${walk.pages}: no "${field}" array in ${JSON.stringify(body)?.slice(0, 200)}`);
  return undefined;
}

/** Jira PageBean: follow `nextPage` until `isLast`; `total` is the count. */
async function pageBean(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  let url: string | undefined = withQuery(start.url, { startAt: 0, maxResults: start.pageSize });
  while (url && walk.pages < MAX_PAGES) {
    const body = await page(f, walk, 'GET', url);
    const values = arrayAt(walk, body, 'values');
    if (!values || !isObject(body)) return;
    walk.items.push(...values);
    if (typeof body.total === 'number') walk.total = body.total;
    if (body.isLast === true) return;
    if (typeof body.nextPage === 'string') url = body.nextPage;
    else if (body.isLast === false) {
      walk.problems.push(`page ${walk.pages}: isLast is false but there is no nextPage`);
      url = withQuery(url, { startAt: Number(body.startAt ?? 0) + values.length });
    } else
      url =
        values.length < (start.pageSize ?? 50) ? undefined : withQuery(url, { startAt: walk.items.length });
    if (values.length === 0 && url) {
      walk.problems.push(`page ${walk.pages}: an empty page that is not the last`);
      return;
    }
  }
}

/** Jira plain arrays: advance `startAt` by what came back; a short page is the last. */
async function startAtArray(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  const size = start.pageSize ?? 50;
  let startAt = 0;
  while (walk.pages < MAX_PAGES) {
    const body = await page(f, walk, 'GET', withQuery(start.url, { startAt, maxResults: size }));
    if (!Array.isArray(body)) {
      if (body !== undefined) walk.problems.push(`page ${walk.pages}: not a JSON array`);
      return;
    }
    walk.items.push(...body);
    if (body.length < size) return;
    startAt += body.length;
  }
}

/** Jira audit records: advance `offset` by the records returned until `total`. */
async function jiraAudit(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  let offset = 0;
  while (walk.pages < MAX_PAGES) {
    const body = await page(f, walk, 'GET', withQuery(start.url, { offset, limit: start.pageSize }));
    const records = arrayAt(walk, body, 'records');
    if (!records || !isObject(body)) return;
    walk.items.push(...records);
    if (typeof body.total === 'number') walk.total = body.total;
    offset += records.length;
    if (records.length === 0 || typeof body.total !== 'number' || offset >= body.total) return;
  }
}

/** Confluence v2: follow `_links.next` (a path on the site) and check the `Link` header says the same. */
async function cursorLinks(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  let url: string | undefined = withQuery(start.url, { limit: start.pageSize });
  while (url && walk.pages < MAX_PAGES) {
    const reply = await fetchPage(f, walk, 'GET', url);
    if (!reply) return;
    const results = arrayAt(walk, reply.body, 'results');
    if (!results || !isObject(reply.body)) return;
    walk.items.push(...results);
    const links = isObject(reply.body._links) ? reply.body._links : {};
    const next = typeof links.next === 'string' ? links.next : undefined;
    const header = reply.headers.get('link') ?? '';
    if (next && !header.includes(`<${next}>; rel="next"`)) {
      walk.problems.push(`page ${walk.pages}: _links.next ${next} but the Link header is "${header}"`);
    }
    url = next ? new URL(next, url).toString() : undefined;
  }
}

/** Confluence v1: follow `_links.next`, relative to `_links.base` (`https://x.atlassian.net/wiki`). */
async function startLimit(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  let url: string | undefined = withQuery(start.url, { start: 0, limit: start.pageSize });
  while (url && walk.pages < MAX_PAGES) {
    const body = await page(f, walk, 'GET', url);
    const results = arrayAt(walk, body, 'results');
    if (!results || !isObject(body)) return;
    walk.items.push(...results);
    const links = isObject(body._links) ? body._links : {};
    if (typeof links.next !== 'string') return;
    const base: string = typeof links.base === 'string' ? links.base : new URL('/wiki', url).toString();
    url = isAbsolute(links.next) ? links.next : `${base}${links.next}`;
  }
}

/** The admin APIs' next page: `links.next` (an absolute URL or an opaque cursor), else `meta.next`. */
function adminNext(body: Json): string | undefined {
  const links = isObject(body.links) ? body.links : {};
  const meta = isObject(body.meta) ? body.meta : {};
  if (typeof links.next === 'string' && links.next) return links.next;
  if (typeof meta.next === 'string' && meta.next) return meta.next;
  return undefined;
}

async function adminCursor(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  let url: string | undefined = withQuery(start.url, { limit: start.pageSize });
  while (url && walk.pages < MAX_PAGES) {
    const body = await page(f, walk, 'GET', url);
    const data = arrayAt(walk, body, 'data');
    if (!data || !isObject(body)) return;
    walk.items.push(...data);
    if (isObject(body.meta) && typeof body.meta.total === 'number') walk.total = body.meta.total;
    const next = adminNext(body);
    url = next === undefined ? undefined : isAbsolute(next) ? next : withQuery(url, { cursor: next });
  }
}

/** API Access API: as admin v2, but the page size travels as `pageSize`. */
async function apiAccessCursor(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  let url: string | undefined = withQuery(start.url, { pageSize: start.pageSize });
  while (url && walk.pages < MAX_PAGES) {
    const body = await page(f, walk, 'GET', url);
    const data = arrayAt(walk, body, 'data');
    if (!data || !isObject(body)) return;
    walk.items.push(...data);
    const next = adminNext(body);
    url = next === undefined ? undefined : isAbsolute(next) ? next : withQuery(url, { cursor: next });
  }
}

/** Admin v2 workspaces: POST with `{limit, cursor}` in the body; `meta.total` is the count. */
async function adminBodyCursor(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  const base = isObject(start.body) ? start.body : {};
  let cursor: string | undefined;
  while (walk.pages < MAX_PAGES) {
    const request = {
      ...base,
      ...(start.pageSize ? { limit: start.pageSize } : {}),
      ...(cursor ? { cursor } : {}),
    };
    const body = await page(f, walk, 'POST', start.url, request);
    const data = arrayAt(walk, body, 'data');
    if (!data || !isObject(body)) return;
    walk.items.push(...data);
    if (isObject(body.meta) && typeof body.meta.total === 'number') walk.total = body.meta.total;
    const next = adminNext(body);
    if (next === undefined) return;
    cursor = isAbsolute(next) ? (new URL(next).searchParams.get('cursor') ?? undefined) : next;
  }
}

/** The first object under `data` that has `pageInfo` (a Relay connection). */
function connectionIn(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  if (isObject(value.pageInfo)) return value;
  for (const v of Object.values(value)) {
    const found = connectionIn(v);
    if (found) return found;
  }
  return undefined;
}

/** GraphQL Relay: `first`/`after` variables; follow `pageInfo.hasNextPage`/`endCursor`. */
async function graphqlRelay(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  const base = isObject(start.body) ? start.body : {};
  const variables = isObject(base.variables) ? base.variables : {};
  let after: string | undefined;
  while (walk.pages < MAX_PAGES) {
    const request = {
      ...base,
      variables: { ...variables, first: start.pageSize, ...(after ? { after } : {}) },
    };
    const body = await page(f, walk, 'POST', start.url, request);
    if (!isObject(body)) return;
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      walk.problems.push(`page ${walk.pages}: GraphQL errors ${JSON.stringify(body.errors).slice(0, 300)}`);
      return;
    }
    const connection = connectionIn(body.data);
    if (!connection) {
      walk.problems.push(
        `page ${walk.pages}: no connection with pageInfo in ${JSON.stringify(body).slice(0, 200)}`,
      );
      return;
    }
    const nodes = Array.isArray(connection.nodes)
      ? connection.nodes
      : Array.isArray(connection.edges)
        ? connection.edges.map((e) => (isObject(e) ? e.node : undefined))
        : [];
    walk.items.push(...nodes);
    const info = connection.pageInfo as Json;
    if (info.hasNextPage !== true) return;
    if (typeof info.endCursor !== 'string') {
      walk.problems.push(`page ${walk.pages}: hasNextPage without an endCursor`);
      return;
    }
    after = info.endCursor;
  }
}

/** Bitbucket: `pagelen` on the first page, then follow `next` (a full URL) until it is absent; `size` is the count. */
async function bitbucketPage(f: Fetcher, start: WalkStart, walk: Walk): Promise<void> {
  let url: string | undefined = withQuery(start.url, { pagelen: start.pageSize });
  while (url && walk.pages < MAX_PAGES) {
    const body = await page(f, walk, 'GET', url);
    const values = arrayAt(walk, body, 'values');
    if (!values || !isObject(body)) return;
    walk.items.push(...values);
    if (typeof body.size === 'number') walk.total = body.size;
    if (body.next === undefined) return;
    if (typeof body.next !== 'string' || !isAbsolute(body.next)) {
      walk.problems.push(`page ${walk.pages}: next is not a URL: ${JSON.stringify(body.next)}`);
      return;
    }
    url = body.next;
  }
}

const walkers: Partial<Record<Pagination, (f: Fetcher, start: WalkStart, walk: Walk) => Promise<void>>> = {
  'page-bean': pageBean,
  'start-at-array': startAtArray,
  'jira-audit': jiraAudit,
  'cursor-links': cursorLinks,
  'start-limit': startLimit,
  'admin-cursor': adminCursor,
  'admin-v2-cursor': adminCursor,
  'admin-v2-body-cursor': adminBodyCursor,
  'api-access-cursor': apiAccessCursor,
  'graphql-relay': graphqlRelay,
  'bitbucket-page': bitbucketPage,
};

export function hasWalker(style: Pagination): boolean {
  return style in walkers;
}

export async function walk(style: Pagination, fetcher: Fetcher, start: WalkStart): Promise<Walk> {
  const result: Walk = { items: [], pages: 0, problems: [] };
  const walker = walkers[style];
  if (!walker) throw new Error(`no walker for pagination style ${style}`);
  await walker(fetcher, start, result);
  if (result.pages >= MAX_PAGES) result.problems.push(`did not end after ${MAX_PAGES} pages`);
  return result;
}
