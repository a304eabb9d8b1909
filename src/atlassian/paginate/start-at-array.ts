import { asArray, num, type PaginationStyle } from './style.ts';

// Jira plain arrays (`/users/search`): no total and no isLast, so a page shorter than the one
// asked for is the last (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/).
// We always ask for the catalogue's maximum, which is what Jira honours, so a short page is
// never a capped one.
export const startAtArray: PaginationStyle = {
  request: (state, pageSize) => ({ query: { startAt: num(state, 'startAt'), maxResults: pageSize } }),
  parse(body, state, ctx) {
    const items = asArray(body);
    const startAt = num(state, 'startAt');
    const last = items.length === 0 || (ctx.pageSize !== undefined && items.length < ctx.pageSize);
    return { items, next: last ? null : { startAt: startAt + items.length } };
  },
};
