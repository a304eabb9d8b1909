import { asArray, asRecord, num, type PaginationStyle } from './style.ts';

// Jira PageBean: `startAt`/`maxResults` → `{startAt, maxResults, total, isLast, values, nextPage}`.
// The next page starts after the values actually returned: Jira may return fewer than asked
// for, and skipping to `startAt + maxResults` would lose items.
export const pageBean: PaginationStyle = {
  request: (state, pageSize) => ({ query: { startAt: num(state, 'startAt'), maxResults: pageSize } }),
  parse(body, state) {
    const b = asRecord(body);
    const values = asArray(b.values);
    const startAt = typeof b.startAt === 'number' ? b.startAt : num(state, 'startAt');
    const last =
      values.length === 0 ||
      (typeof b.isLast === 'boolean'
        ? b.isLast
        : typeof b.total === 'number'
          ? startAt + values.length >= b.total
          : !b.nextPage);
    return { items: values, next: last ? null : { startAt: startAt + values.length } };
  },
};
