import { setTimeout as sleep } from 'node:timers/promises';
import type { CollectedItem, Collector, CollectorContext, CollectorPage } from '../collector.ts';

// In-memory collectors for engine tests: fixed pages, checkpoints `page:N` (the next page index),
// optional delay per page and a failure at a chosen page. Each records how it was called.

export interface FakeCollectorOptions {
  dataset: string;
  scope?: 'org' | 'site';
  product?: 'jira' | 'confluence';
  kind?: 'snapshot' | 'append';
  dependsOn?: string[];
  /** The pages, or a function of the context (to read dependencies or `since`). */
  pages: CollectedItem[][] | ((ctx: CollectorContext) => Promise<CollectedItem[][]> | CollectedItem[][]);
  /** Append datasets: the cursor reported with each page. */
  cursor?: (pageIndex: number, ctx: CollectorContext) => string | undefined;
  delayMs?: number;
  /** Throws this before yielding page `page` (0-based). */
  failAt?: { page: number; error: unknown };
  gauge?: ConcurrencyGauge;
}

export interface FakeCall {
  scope: string;
  resumeFrom: string | null;
  since: string | null;
  startedAt: number;
  finishedAt?: number;
}

export type FakeCollector = Collector & { calls: FakeCall[] };

let clock = 0;
/** A logical clock: orders events across collectors without relying on wall time. */
export function tick(): number {
  return ++clock;
}

export function fakeCollector(options: FakeCollectorOptions): FakeCollector {
  const calls: FakeCall[] = [];
  return {
    dataset: options.dataset,
    scope: options.scope ?? 'org',
    ...(options.product ? { product: options.product } : {}),
    kind: options.kind ?? 'snapshot',
    credential: options.scope === 'site' ? 'site' : 'org',
    ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
    endpoints: [],
    // Calls nothing.
    cost: () => 0,
    calls,
    async *collect(ctx: CollectorContext): AsyncIterable<CollectorPage> {
      const call: FakeCall = {
        scope: ctx.site?.cloudId ?? 'org',
        resumeFrom: ctx.resumeFrom,
        since: ctx.since,
        startedAt: tick(),
      };
      calls.push(call);
      options.gauge?.enter();
      try {
        const pages = typeof options.pages === 'function' ? await options.pages(ctx) : options.pages;
        const first = ctx.resumeFrom ? Number(ctx.resumeFrom.replace('page:', '')) : 0;
        for (let i = first; i < pages.length; i++) {
          if (options.delayMs) await sleep(options.delayMs);
          if (options.failAt?.page === i) throw options.failAt.error;
          const cursor = options.cursor?.(i, ctx);
          yield {
            items: pages[i] ?? [],
            checkpoint: i + 1 < pages.length ? `page:${i + 1}` : null,
            ...(cursor !== undefined ? { cursor } : {}),
          };
        }
        if (options.failAt && options.failAt.page >= pages.length) throw options.failAt.error;
      } finally {
        options.gauge?.exit();
        call.finishedAt = tick();
      }
    },
  };
}

export interface ConcurrencyGauge {
  enter(): void;
  exit(): void;
  readonly max: number;
}

export function concurrencyGauge(): ConcurrencyGauge {
  let active = 0;
  let max = 0;
  return {
    enter: () => {
      active++;
      max = Math.max(max, active);
    },
    exit: () => {
      active--;
    },
    get max() {
      return max;
    },
  };
}

/** `count` items `prefix-0` … with small records, split into pages of `pageSize`. */
export function pagesOf(
  prefix: string,
  count: number,
  pageSize: number,
  extra: object = {},
): CollectedItem[][] {
  const pages: CollectedItem[][] = [];
  for (let i = 0; i < count; i += pageSize) {
    const page: CollectedItem[] = [];
    for (let j = i; j < Math.min(count, i + pageSize); j++) {
      page.push({
        key: `${prefix}-${String(j).padStart(4, '0')}`,
        data: { id: `${prefix}-${j}`, n: j, ...extra },
      });
    }
    pages.push(page);
  }
  return pages;
}
