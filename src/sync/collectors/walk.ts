import type { EndpointId, PageItemOf, PageOptions } from '../../atlassian/api.ts';
import type { CollectedItem, CollectorContext, CollectorPage } from '../collector.ts';

// The two shapes most collectors take: walk a paginated endpoint at its maximum page size (the
// client's default) yielding one CollectorPage per API page, or read one document.

/**
 * One CollectorPage per API page, each with the client's resume token as checkpoint, starting
 * from `ctx.resumeFrom`. An empty list still yields one (empty, final) page so the run records
 * the dataset as read.
 */
export async function* walk<Id extends EndpointId>(
  ctx: CollectorContext,
  endpointId: Id,
  options: PageOptions,
  toItems: (raws: PageItemOf<Id>[]) => CollectedItem[] | Promise<CollectedItem[]>,
): AsyncGenerator<CollectorPage> {
  let yielded = false;
  for await (const page of ctx.api.pages(endpointId, { ...options, resumeFrom: ctx.resumeFrom })) {
    yielded = true;
    yield { items: await toItems(page.items), checkpoint: page.next };
  }
  if (!yielded) yield { items: [], checkpoint: null };
}

/** Every item of a (small) paginated list, for collectors that merge several lists before yielding. */
export async function collectAll<Id extends EndpointId>(
  ctx: CollectorContext,
  endpointId: Id,
  options: PageOptions,
): Promise<PageItemOf<Id>[]> {
  const out: PageItemOf<Id>[] = [];
  for await (const page of ctx.api.pages(endpointId, options)) out.push(...page.items);
  return out;
}
