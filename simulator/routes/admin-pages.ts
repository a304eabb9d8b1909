import { cursorPage, encodeCursor, linkWith, queryString } from '../http/paginate.ts';
import type { Call } from '../http/serve.ts';

/** `ADMIN-400-1`: the spec's code for a cursor the API did not issue (`Error.InvalidPageCursor`). */
export const INVALID_CURSOR = 'ADMIN-400-1';

export interface V1Page {
  data: unknown[];
  links: { self: string; prev?: string; next?: string };
  /** The opaque cursor of the next page (what `meta.next` carries on `/events` and `/policies`). */
  next: string | undefined;
  pageSize: number;
}

/**
 * One page of an admin v1 list. The spec's `LinkPageModel` describes `links.next` as the "URL to
 * fetch the Next Page", and clients such as go-atlassian parse the `cursor` query parameter out
 * of it, so the links are absolute URLs that repeat the request's filters with a new opaque
 * cursor. v1 has no `limit` parameter: the page size is fixed per endpoint.
 */
export function v1Page<T>(call: Call, items: readonly T[], render: (item: T) => unknown): V1Page {
  const pageSize = call.endpoint.pageSize?.default ?? 100;
  const { page, next, offset } = cursorPage(
    call,
    items,
    queryString(call.query, 'cursor'),
    pageSize,
    INVALID_CURSOR,
  );
  const links: V1Page['links'] = { self: linkWith(call, {}) };
  if (offset > 0) {
    links.prev = linkWith(call, { cursor: encodeCursor(call.endpoint.id, Math.max(0, offset - pageSize)) });
  }
  if (next) links.next = linkWith(call, { cursor: next });
  return { data: page.map(render), links, next, pageSize };
}

export interface V2Page {
  data: unknown[];
  links: { self: string; prev?: string; next?: string };
  offset: number;
  count: number;
}

/**
 * One page of an admin v2 list: `links.self`, `links.prev` and `links.next` are the opaque cursors
 * themselves, to send back as `cursor` ("This value can be obtained from the links.next property
 * from a previous response", https://developer.atlassian.com/cloud/admin/organization/rest/api-group-workspaces/).
 */
export function v2Page<T>(
  call: Call,
  items: readonly T[],
  render: (item: T) => unknown,
  cursor: string | undefined,
  limit: number,
): V2Page {
  const { page, next, offset } = cursorPage(call, items, cursor, limit, INVALID_CURSOR);
  const id = call.endpoint.id;
  const links: V2Page['links'] = { self: encodeCursor(id, offset) };
  if (offset > 0) links.prev = encodeCursor(id, Math.max(0, offset - limit));
  if (next) links.next = next;
  return { data: page.map(render), links, offset, count: page.length };
}
