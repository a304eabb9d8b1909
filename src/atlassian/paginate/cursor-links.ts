import { header } from '../rate-headers.ts';
import { asArray, asRecord, linkParam, type PaginationStyle, str } from './style.ts';

// Confluence v2: `cursor`/`limit` → `{results, _links:{next}}`, the same link also in a `Link`
// header (https://developer.atlassian.com/cloud/confluence/rest/v2/intro/#using).
function nextFromLinkHeader(value: string | undefined): string | undefined {
  const m = value ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(value) : null;
  return m ? m[1] : undefined;
}

export const cursorLinks: PaginationStyle = {
  request: (state, pageSize) => ({ query: { limit: pageSize, cursor: str(state, 'cursor') } }),
  parse(body, _state, ctx) {
    const b = asRecord(body);
    const next = asRecord(b._links).next ?? nextFromLinkHeader(header(ctx.headers, 'link'));
    const cursor = linkParam(next, 'cursor');
    return { items: asArray(b.results), next: cursor ? { cursor } : null };
  },
};
