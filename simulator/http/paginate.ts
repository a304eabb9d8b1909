import { SimError } from './errors.ts';
import type { Call, Query } from './serve.ts';

// One function per Atlassian pagination style (docs/atlassian/API.md §0.2). Each takes the
// full, already filtered and ordered list and renders one page of it, so a full walk returns
// every item exactly once whatever page size the client asks for.

export function queryString(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Every value of a repeated query parameter (`?a=1&a=2`) or a comma-separated one. */
export function queryList(query: Query, name: string): string[] {
  const v = query[name];
  const raw = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return raw.flatMap((s) => s.split(',')).filter((s) => s.length > 0);
}

export function intParam(call: Call, name: string, fallback: number, min = 0): number {
  const raw = queryString(call.query, name);
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new SimError(400, `The value '${raw}' is invalid for the parameter '${name}'.`);
  }
  return n;
}

function pageSize(call: Call, name: string): number {
  const size = call.endpoint.pageSize ?? { default: 50, max: 50 };
  // Atlassian silently caps an oversized page request at the endpoint's maximum.
  return Math.min(intParam(call, name, size.default, 1), size.max);
}

/** The request URL with some query parameters replaced, against the call's base URL. */
export function linkWith(call: Call, changes: Record<string, string | number>, absolute = true): string {
  const url = new URL(call.url, 'http://placeholder');
  for (const [k, v] of Object.entries(changes)) url.searchParams.set(k, String(v));
  const pathAndQuery = `${url.pathname}${url.search}`;
  if (!absolute) return pathAndQuery;
  const base = new URL(call.baseUrl);
  // Under /ex/{product}/{cloudId} the request path already carries the prefix.
  return `${base.origin}${pathAndQuery}`;
}

/** Jira PageBean: `{self, nextPage, maxResults, startAt, total, isLast, values}`. */
export function pageBean<T>(call: Call, items: readonly T[], render: (item: T) => unknown) {
  const startAt = intParam(call, 'startAt', 0);
  const maxResults = pageSize(call, 'maxResults');
  const values = items.slice(startAt, startAt + maxResults).map(render);
  const isLast = startAt + values.length >= items.length;
  return {
    self: linkWith(call, {}),
    ...(isLast ? {} : { nextPage: linkWith(call, { startAt: startAt + maxResults, maxResults }) }),
    maxResults,
    startAt,
    total: items.length,
    isLast,
    values,
  };
}

/** Jira plain arrays (`/users/search`): no total; the client stops on a short page. */
export function startAtArray<T>(call: Call, items: readonly T[], render: (item: T) => unknown) {
  const startAt = intParam(call, 'startAt', 0);
  const maxResults = pageSize(call, 'maxResults');
  return items.slice(startAt, startAt + maxResults).map(render);
}

/** Jira audit records: `{offset, limit, total, records}`. */
export function jiraAudit<T>(call: Call, items: readonly T[], render: (item: T) => unknown) {
  const offset = intParam(call, 'offset', 0);
  const limit = pageSize(call, 'limit');
  return { offset, limit, total: items.length, records: items.slice(offset, offset + limit).map(render) };
}

/** Confluence v1 `start`/`limit`: `{results, start, limit, size, _links}`. */
export function startLimit<T>(call: Call, items: readonly T[], render: (item: T) => unknown) {
  const start = intParam(call, 'start', 0);
  const limit = pageSize(call, 'limit');
  const results = items.slice(start, start + limit).map(render);
  const base = `${new URL(call.baseUrl).origin}/wiki`;
  const hasNext = start + results.length < items.length;
  const rel = (changes: Record<string, number>) =>
    linkWith(call, changes, false).replace(/^.*?\/wiki(?=\/)/, '');
  return {
    results,
    start,
    limit,
    size: results.length,
    _links: {
      base,
      context: '/wiki',
      ...(hasNext ? { next: rel({ start: start + limit, limit }) } : {}),
      self: `${base}${rel({})}`.replace(/\?$/, ''),
    },
  };
}

// ---- opaque cursors ----------------------------------------------------------------------------

interface CursorState {
  /** Offset into the list. */
  o: number;
  /** The endpoint the cursor belongs to: a cursor is not valid anywhere else. */
  e: string;
}

export function encodeCursor(endpointId: string, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, e: endpointId } satisfies CursorState)).toString(
    'base64url',
  );
}

/** The offset an opaque cursor stands for; a tampered or foreign cursor is a 400. */
export function decodeCursor(call: Call, cursor: string | undefined, code?: string): number {
  if (cursor === undefined || cursor === '') return 0;
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorState>;
    if (
      typeof state.o === 'number' &&
      Number.isInteger(state.o) &&
      state.o >= 0 &&
      state.e === call.endpoint.id
    ) {
      return state.o;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new SimError(400, 'Invalid page cursor', code ? { code } : {});
}

/** Confluence v2 cursor: `{results, _links:{next, base}}` plus a `Link` header. */
export function cursorLinks<T>(call: Call, items: readonly T[], render: (item: T) => unknown) {
  const offset = decodeCursor(call, queryString(call.query, 'cursor'));
  const limit = pageSize(call, 'limit');
  const results = items.slice(offset, offset + limit).map(render);
  const base = `${new URL(call.baseUrl).origin}/wiki`;
  const links: { next?: string; base: string } = { base };
  if (offset + results.length < items.length) {
    links.next = linkWith(
      call,
      { cursor: encodeCursor(call.endpoint.id, offset + limit), limit },
      false,
    ).replace(/^.*?(?=\/wiki\/)/, '');
    call.responseHeaders.Link = `<${links.next}>; rel="next", <${base}>; rel="base"`;
  }
  return { results, _links: links };
}

/** One page of an opaque-cursor list; `next` is the cursor of the following page, if any. */
export function cursorPage<T>(
  call: Call,
  items: readonly T[],
  cursor: string | undefined,
  limit: number,
  code?: string,
): { page: readonly T[]; next: string | undefined; offset: number } {
  const offset = decodeCursor(call, cursor, code);
  const page = items.slice(offset, offset + limit);
  const next =
    offset + page.length < items.length ? encodeCursor(call.endpoint.id, offset + limit) : undefined;
  return { page, next, offset };
}

/** The page size an admin API caller asked for, capped at the endpoint's maximum. */
export function adminLimit(call: Call, requested?: unknown): number {
  const size = call.endpoint.pageSize ?? { default: 100, max: 100 };
  if (requested === undefined) return Math.min(intParam(call, 'limit', size.default, 1), size.max);
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 1) {
    throw new SimError(400, 'limit must be a positive integer', { code: 'ADMIN-400-4' });
  }
  return Math.min(requested, size.max);
}
