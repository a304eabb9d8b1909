import { asArray, asRecord, linkParam, looksLikeUrl, type PaginationStyle, str } from './style.ts';

// Admin API v2: `cursor`/`limit` → `{data, links:{next}}` where `links.next` is the opaque cursor
// itself ("obtained from the links.next property from a previous response"); a URL is tolerated.
// https://developer.atlassian.com/cloud/admin/organization/rest/api-group-directory/
export function v2Cursor(body: unknown): string | undefined {
  const next = asRecord(asRecord(body).links).next;
  if (typeof next !== 'string' || next === '') return undefined;
  return looksLikeUrl(next) ? linkParam(next, 'cursor') : next;
}

export const adminV2Cursor: PaginationStyle = {
  request: (state, pageSize) => ({ query: { limit: pageSize, cursor: str(state, 'cursor') } }),
  parse(body) {
    const cursor = v2Cursor(body);
    return { items: asArray(asRecord(body).data), next: cursor ? { cursor } : null };
  },
};
