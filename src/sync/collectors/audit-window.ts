import type { EndpointId, PageItemOf, PageOptions } from '../../atlassian/api.ts';
import type { CollectedItem, CollectorContext, CollectorPage } from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';

// Incremental audit reads. Each sync asks for [since, now] — `now` pinned when the walk starts and
// kept in the checkpoint, so offsets stay stable across a resume even while new events arrive
// (logs are served newest first: new events would otherwise shift every later page). `since` is
// inclusive: the newest event of the last sync is read again and deduplicated by its key, which
// is cheaper than risking a loss to same-millisecond events. The cursor each page reports is the
// newest event time seen so far in the walk (also kept in the checkpoint).

export interface AuditWindow {
  /** Inclusive lower bound (ISO-8601), null for the first sync (everything Atlassian keeps). */
  from: string | null;
  /** Upper bound (ISO-8601), fixed for the whole walk. */
  to: string;
  /** The client's resume token within the walk. */
  next: string | null;
  /** Newest event time seen so far (ISO-8601), or the previous cursor. */
  newest: string | null;
}

export function openWindow(ctx: CollectorContext, dataset: string): AuditWindow {
  if (ctx.resumeFrom !== null) {
    const position = decodePosition(dataset, ctx.resumeFrom);
    return {
      from: position.state?.from ?? ctx.since,
      to: position.state?.to ?? ctx.now.toISOString(),
      next: position.next,
      newest: position.state?.newest ?? ctx.since,
    };
  }
  return { from: ctx.since, to: ctx.now.toISOString(), next: null, newest: ctx.since };
}

export function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function windowCheckpoint(window: AuditWindow, next: string | null): string | null {
  if (next === null) return null;
  const state: Record<string, string> = { to: window.to };
  if (window.from !== null) state.from = window.from;
  if (window.newest !== null) state.newest = window.newest;
  return encodePosition({ parent: 0, next, state });
}

/**
 * Walks an audit endpoint over the window: `options` builds the query from the window's bounds,
 * `read` turns a raw record into an item and its time. Each page carries the newest time so far
 * as its cursor; an empty window still yields one final page (with the previous cursor).
 */
export async function* walkAudit<Id extends EndpointId>(
  ctx: CollectorContext,
  dataset: string,
  endpointId: Id,
  options: (window: AuditWindow) => PageOptions,
  read: (record: PageItemOf<Id>) => { item: CollectedItem; time: string | null },
): AsyncGenerator<CollectorPage> {
  const window = openWindow(ctx, dataset);
  const cursor = () => (window.newest ? { cursor: window.newest } : {});
  let yielded = false;
  for await (const page of ctx.api.pages(endpointId, {
    ...options(window),
    resumeFrom: window.next,
  })) {
    yielded = true;
    const items = page.items.map((raw) => {
      const { item, time } = read(raw);
      window.newest = later(window.newest, time);
      return item;
    });
    yield { items, checkpoint: windowCheckpoint(window, page.next), ...cursor() };
  }
  if (!yielded) yield { items: [], checkpoint: null, ...cursor() };
}
