import { asArray, asRecord, linkParam, num, type PaginationStyle } from './style.ts';

// Confluence v1: `start`/`limit` → `{results, start, limit, size, _links:{next}}`; `next` is
// absent on the last page (https://developer.atlassian.com/cloud/confluence/rest/v1/intro/#pagination).
export const startLimit: PaginationStyle = {
  request: (state, pageSize) => ({ query: { start: num(state, 'start'), limit: pageSize } }),
  parse(body, state) {
    const b = asRecord(body);
    const results = asArray(b.results);
    const next = asRecord(b._links).next;
    if (results.length === 0 || typeof next !== 'string') return { items: results, next: null };
    const start = typeof b.start === 'number' ? b.start : num(state, 'start');
    const linked = Number(linkParam(next, 'start'));
    return {
      items: results,
      next: { start: Number.isInteger(linked) && linked > start ? linked : start + results.length },
    };
  },
};
