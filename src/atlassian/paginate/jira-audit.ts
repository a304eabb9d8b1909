import { asArray, asRecord, num, type PaginationStyle } from './style.ts';

// Jira audit records: `offset`/`limit` → `{offset, limit, total, records}`.
export const jiraAudit: PaginationStyle = {
  request: (state, pageSize) => ({ query: { offset: num(state, 'offset'), limit: pageSize } }),
  parse(body, state, ctx) {
    const b = asRecord(body);
    const records = asArray(b.records);
    const offset = typeof b.offset === 'number' ? b.offset : num(state, 'offset');
    const last =
      records.length === 0 ||
      (typeof b.total === 'number'
        ? offset + records.length >= b.total
        : ctx.pageSize !== undefined && records.length < ctx.pageSize);
    return { items: records, next: last ? null : { offset: offset + records.length } };
  },
};
