import { asArray, asRecord, linkParam, num, type PaginationStyle } from './style.ts';

// Marketplace REST v2: `offset`/`limit` → `{_embedded:{<items>:[…]}, _links:{next:[{href,type}]}}`
// (HAL: `next` is a list of links by media type; the JSON one is followed).
// https://developer.atlassian.com/platform/marketplace/rest/v2/
function nextHref(links: unknown): string | undefined {
  const next = asRecord(links).next;
  const candidates = Array.isArray(next) ? next.map(asRecord) : next ? [asRecord(next)] : [];
  const json = candidates.find((l) => typeof l.type !== 'string' || l.type.includes('json')) ?? candidates[0];
  return typeof json?.href === 'string' ? json.href : undefined;
}

/** The item list: the one array under `_embedded` (`addons`, `reviews`, `versions`…). */
function embeddedItems(body: Record<string, unknown>): unknown[] {
  const embedded = asRecord(body._embedded);
  const list = Object.values(embedded).find(Array.isArray);
  return asArray(list);
}

export const marketplaceOffset: PaginationStyle = {
  request: (state, pageSize) => ({ query: { offset: num(state, 'offset'), limit: pageSize } }),
  parse(body, state) {
    const b = asRecord(body);
    const items = embeddedItems(b);
    const href = nextHref(b._links);
    if (items.length === 0 || !href) return { items, next: null };
    const offset = num(state, 'offset');
    const linked = Number(linkParam(href, 'offset'));
    return {
      items,
      next: { offset: Number.isInteger(linked) && linked > offset ? linked : offset + items.length },
    };
  },
};
