import { type ErrorSite, isAtlassianError, PaginationError } from '../errors.ts';
import type { HeaderBag } from '../rate-headers.ts';
import { decodeResumeToken, encodeResumeToken } from './resume-token.ts';
import type { PageRequest, PageState, PaginationStyle } from './style.ts';

// The walk itself, independent of HTTP: ask for a page, read it, yield it with the token of the
// page after it, stop on the last. Each page is fetched exactly once (or again, smaller, when the
// endpoint says it took too long); a cursor that stops advancing is an error rather than an
// endless loop (or a silent truncation).

export interface FetchedPage {
  body: unknown;
  headers: HeaderBag;
  /**
   * Called once the page was read: leaves out the items its check found unusable (in place) and
   * returns them, so that copies of the list drop them too.
   */
  settle?: () => ReadonlySet<unknown>;
}

export interface WalkedPage {
  items: unknown[];
  next: string | null;
  /** Errors the API sent beside the page's data (GraphQL): the page is incomplete. */
  errors: string[];
}

export interface WalkOptions {
  styleName: string;
  style: PaginationStyle;
  pageSize: number | undefined;
  callerBody: unknown;
  resumeFrom: string | null | undefined;
  site: ErrorSite;
  /** Statuses after which the same page is asked for again at half the size (the catalogue's `shrinkPageOn`). */
  shrinkOn?: readonly number[] | undefined;
  fetch(request: PageRequest): Promise<FetchedPage>;
}

/** Fetches one page; a "too slow" answer asks again for half as many items, down to one. */
async function fetchShrinking(
  o: WalkOptions,
  state: PageState | null,
  size: { current: number | undefined },
): Promise<FetchedPage> {
  for (;;) {
    try {
      return await o.fetch(o.style.request(state, size.current, o.callerBody));
    } catch (error) {
      const status = isAtlassianError(error) ? error.status : undefined;
      const tooSlow = status !== undefined && (o.shrinkOn ?? []).includes(status);
      if (!tooSlow || size.current === undefined || size.current <= 1) throw error;
      // The rest of the walk keeps the smaller page: what was slow once stays slow.
      size.current = Math.max(1, Math.floor(size.current / 2));
    }
  }
}

export async function* walkPages(o: WalkOptions): AsyncGenerator<WalkedPage> {
  let state: PageState | null = null;
  if (o.resumeFrom) {
    state = decodeResumeToken(o.styleName, o.resumeFrom) ?? null;
    if (!state) throw new PaginationError(o.site, `the resume token is not a ${o.styleName} token`);
  }
  const seen = new Set<string>();
  const size = { current: o.pageSize };
  for (;;) {
    const fetched = await fetchShrinking(o, state, size);
    const page = o.style.parse(fetched.body, state, {
      pageSize: size.current,
      headers: fetched.headers,
      site: o.site,
    });
    // After parse: where the next page starts depends on the length of this one as sent.
    const removed = fetched.settle?.();
    const items = removed && removed.size > 0 ? page.items.filter((i) => !removed.has(i)) : page.items;
    const next = page.next ? encodeResumeToken(o.styleName, page.next) : null;
    if (next !== null) {
      if (seen.has(next))
        throw new PaginationError(o.site, 'the list returned a cursor it had returned before');
      seen.add(next);
    }
    yield { items, next, errors: page.errors ?? [] };
    if (page.next === null) return;
    state = page.next;
  }
}
