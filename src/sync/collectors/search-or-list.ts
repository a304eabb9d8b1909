import type { EndpointId, PageItemOf, PageOptions } from '../../atlassian/api.ts';
import type { CollectedItem, CollectorContext, CollectorPage } from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { isForbidden, isNotFound, isRejected } from './context.ts';
import { walk } from './walk.ts';

// The admin API's v2 directory lists (`GET …/users`, `GET …/groups`) "will no longer work after
// June 30, 2027"; their replacements are `POST …/users/search` and `POST …/groups/search`
// (docs/atlassian/API.md §a.2). Read through the search first, and through the list where an org
// does not offer the search yet (404, 405) or refuses it (403, 400): nothing is lost either way,
// and the move needs no release when the lists go. The checkpoint names the endpoint it belongs
// to, so a resumed sync continues on the same one.

export interface EndpointWalk<Id extends EndpointId> {
  endpoint: Id;
  options: PageOptions;
}

const VIA = { search: 0, list: 1 } as const;

/** Where a resumed walk continues: a position this helper wrote, or (an older run's) a bare list token. */
function resumePoint(dataset: string, checkpoint: string | null): { via: 0 | 1; next: string | null } {
  if (checkpoint === null) return { via: VIA.search, next: null };
  try {
    const position = decodePosition(dataset, checkpoint);
    return { via: position.parent === VIA.list ? VIA.list : VIA.search, next: position.next };
  } catch {
    return { via: VIA.list, next: checkpoint };
  }
}

/** The search can be missing or refused while the list still answers. */
const searchUnavailable = (error: unknown) => isNotFound(error) || isForbidden(error) || isRejected(error);

export async function* walkSearchOrList<S extends EndpointId, L extends EndpointId>(
  ctx: CollectorContext,
  dataset: string,
  search: EndpointWalk<S>,
  list: EndpointWalk<L>,
  toItems: (raws: (PageItemOf<S> | PageItemOf<L>)[]) => CollectedItem[] | Promise<CollectedItem[]>,
): AsyncGenerator<CollectorPage> {
  const start = resumePoint(dataset, ctx.resumeFrom);
  const pagesOf = (via: 0 | 1, resumeFrom: string | null) =>
    via === VIA.search
      ? walk({ ...ctx, resumeFrom }, search.endpoint, search.options, toItems)
      : walk({ ...ctx, resumeFrom }, list.endpoint, list.options, toItems);
  const positioned = (via: 0 | 1, page: CollectorPage): CollectorPage => ({
    ...page,
    checkpoint: page.checkpoint === null ? null : encodePosition({ parent: via, next: page.checkpoint }),
  });
  if (start.via === VIA.list) {
    for await (const page of pagesOf(VIA.list, start.next)) yield positioned(VIA.list, page);
    return;
  }
  let yielded = false;
  try {
    for await (const page of pagesOf(VIA.search, start.next)) {
      yielded = true;
      yield positioned(VIA.search, page);
    }
    return;
  } catch (error) {
    // Part-way through, switching lists would mix two walks: only a search refused outright falls back.
    if (yielded || start.next !== null || !searchUnavailable(error)) throw error;
  }
  for await (const page of pagesOf(VIA.list, null)) yield positioned(VIA.list, page);
}
