import { asArray, asRecord, linkParam, looksLikeUrl, type PaginationStyle, str } from './style.ts';

// Admin API v1: `cursor` → `{data, links:{next}}`; `links.next` is the full URL of the next page
// (the spec's LinkPageModel), carrying `?cursor=`; `/events` and `/policies` also give the bare
// cursor in `meta.next`. v1 takes no page size: it is fixed per endpoint.
// https://developer.atlassian.com/cloud/admin/organization/rest/
function cursorOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return looksLikeUrl(value) ? linkParam(value, 'cursor') : value;
}

export const adminCursor: PaginationStyle = {
  request: (state) => ({ query: { cursor: str(state, 'cursor') } }),
  parse(body) {
    const b = asRecord(body);
    const cursor = cursorOf(asRecord(b.links).next) ?? cursorOf(asRecord(b.meta).next);
    return { items: asArray(b.data), next: cursor ? { cursor } : null };
  },
};
