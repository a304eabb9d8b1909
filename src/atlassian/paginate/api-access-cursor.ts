import { v2Cursor } from './admin-v2-cursor.ts';
import { asArray, asRecord, type PaginationStyle, str } from './style.ts';

// API Access API (user API tokens and API keys of an org): `cursor`/`pageSize` → `{data, links:
// {self, next, prev}}`. The page size parameter is `pageSize` (not v2's `limit`); `links.next` is
// read like v2's, as the opaque cursor or a URL carrying `cursor`.
// https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-token/
export const apiAccessCursor: PaginationStyle = {
  request: (state, pageSize) => ({ query: { pageSize, cursor: str(state, 'cursor') } }),
  parse(body) {
    const cursor = v2Cursor(body);
    return { items: asArray(asRecord(body).data), next: cursor ? { cursor } : null };
  },
};
