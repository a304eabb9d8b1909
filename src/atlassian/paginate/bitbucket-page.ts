import { asArray, asRecord, type PaginationStyle, str } from './style.ts';

// Bitbucket Cloud 2.0: `pagelen` → `{values, page, pagelen, size, next}`. `next` is the full URL of
// the following page and the only way to it: Bitbucket says to follow it rather than build URLs
// (some lists page by an opaque `page` token, not a number), so the state is the query of that
// link, sent back as it came (`pagelen` included), the caller's own parameters under it.
// https://developer.atlassian.com/cloud/bitbucket/rest/intro/#pagination

/** The query of a `next` link as parameters; undefined when it is not a URL with a query. */
function queryOf(link: unknown): string | undefined {
  if (typeof link !== 'string' || link === '') return undefined;
  try {
    const search = new URL(link, 'http://relative.invalid').search;
    return search.length > 1 ? search.slice(1) : undefined;
  } catch {
    return undefined;
  }
}

export const bitbucketPage: PaginationStyle = {
  request(state, pageSize) {
    const next = str(state, 'next');
    if (next === undefined) return { query: { pagelen: pageSize } };
    const query: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(next)) query[name] = value;
    return { query };
  },
  parse(body) {
    const b = asRecord(body);
    const next = queryOf(b.next);
    return { items: asArray(b.values), next: next ? { next } : null };
  },
};
