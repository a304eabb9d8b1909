import { v2Cursor } from './admin-v2-cursor.ts';
import { asArray, asRecord, type PaginationStyle, str } from './style.ts';

// Admin API v2 workspaces: a POST search whose page size and cursor travel in the body
// (`{limit, cursor, query, sort}`); the caller's own fields (query, sort) are kept.
// https://developer.atlassian.com/cloud/admin/organization/rest/api-group-workspaces/
export const adminV2BodyCursor: PaginationStyle = {
  request(state, pageSize, body) {
    const cursor = str(state, 'cursor');
    return {
      body: {
        ...asRecord(body),
        ...(pageSize !== undefined ? { limit: pageSize } : {}),
        ...(cursor ? { cursor } : {}),
      },
    };
  },
  parse(body) {
    const cursor = v2Cursor(body);
    return { items: asArray(asRecord(body).data), next: cursor ? { cursor } : null };
  },
};
