import type {
  AtlassianApi,
  CallOptions,
  DriftCount,
  EndpointId,
  PageOptions,
  ReadOf,
  ResponseDrift,
} from '../atlassian/api.ts';

// What one dataset's reads found that was not as documented, for its outcome: items left out
// (a field Palisade relies on was missing) and errors Atlassian sent beside the data make the
// dataset `partial`, with a note naming the endpoint, the field and how many; any other
// difference is a warning in coverage, never a failure. The collector never sees any of it: the
// API it is given reports here on every call.

const MAX_NOTES = 20;

interface Unusable {
  code?: unknown;
  endpointId?: unknown;
  field?: unknown;
  problem?: unknown;
  expected?: unknown;
}

const isDrift = (error: unknown): error is Unusable & { endpointId: string; field: string } =>
  typeof error === 'object' &&
  error !== null &&
  (error as Unusable).code === 'schema_drift' &&
  typeof (error as Unusable).endpointId === 'string' &&
  typeof (error as Unusable).field === 'string';

function add(map: Map<string, DriftCount & { endpointId: string }>, endpointId: string, c: DriftCount): void {
  const key = JSON.stringify([endpointId, c.field, c.problem, c.expected]);
  const known = map.get(key);
  if (known) known.count += c.count;
  else map.set(key, { ...c, endpointId });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export class DriftLog {
  private readonly skipped = new Map<string, DriftCount & { endpointId: string }>();
  private readonly unusable = new Map<string, DriftCount & { endpointId: string }>();
  private readonly warned = new Map<string, DriftCount & { endpointId: string }>();
  private readonly errors = new Map<string, { endpointId: string; message: string; count: number }>();

  record(drift: ResponseDrift): void {
    for (const c of drift.skipped) add(this.skipped, drift.endpointId, c);
    for (const c of drift.warnings) add(this.warned, drift.endpointId, c);
    for (const message of drift.errors) {
      const key = JSON.stringify([drift.endpointId, message]);
      const known = this.errors.get(key);
      if (known) known.count++;
      else this.errors.set(key, { endpointId: drift.endpointId, message, count: 1 });
    }
  }

  /**
   * A whole response that could not be used (SchemaDriftError). It matters when the collector
   * reads one response per parent and goes on without that parent: the dataset is then partial.
   */
  recordUnusable(error: unknown): void {
    if (!isDrift(error)) return;
    add(this.unusable, error.endpointId, {
      field: error.field,
      problem: String(error.problem ?? 'differs'),
      expected: String(error.expected ?? 'the documented shape'),
      count: 1,
    });
  }

  /** Why the dataset is partial: one sentence per endpoint and field, or none. */
  notes(): string[] {
    const notes = [
      ...[...this.skipped.values()].map(
        (c) =>
          `${c.endpointId}: ${plural(c.count, 'item')} left out (${c.field} ${c.problem}, expected ${c.expected})`,
      ),
      ...[...this.unusable.values()].map(
        (c) =>
          `${c.endpointId}: ${plural(c.count, 'response')} could not be used (${c.field} ${c.problem}, expected ${c.expected})`,
      ),
      ...[...this.errors.values()].map(
        (e) =>
          `${e.endpointId}: Atlassian reported an error beside the data${e.count > 1 ? ` (${e.count} times)` : ''}: ${e.message}`,
      ),
    ];
    return capped(notes);
  }

  /** Differences that were read through: one sentence per endpoint and field. */
  warnings(): string[] {
    return capped(
      [...this.warned.values()].map(
        (c) =>
          `${c.endpointId}: ${c.field} ${c.problem} in ${plural(c.count, 'item')} (expected ${c.expected})`,
      ),
    );
  }
}

function capped(list: string[]): string[] {
  if (list.length <= MAX_NOTES) return list;
  return [...list.slice(0, MAX_NOTES), `and ${list.length - MAX_NOTES} more`];
}

/**
 * The API a collector is given: every call reports what it found to `log`, and carries the sync's
 * abort signal (unless the caller passed its own), so an aborted sync cancels the call in flight.
 */
export function loggingDrift(api: AtlassianApi, log: DriftLog, signal?: AbortSignal): AtlassianApi {
  const withSink = <O extends CallOptions>(options: O | undefined): O => {
    const own = options?.onDrift;
    return {
      ...(signal ? { signal } : {}),
      ...(options ?? ({} as O)),
      onDrift: (drift: ResponseDrift) => {
        log.record(drift);
        own?.(drift);
      },
    };
  };
  return {
    async call<Id extends EndpointId>(endpointId: Id, options?: CallOptions): Promise<ReadOf<Id>> {
      try {
        return await api.call(endpointId, withSink(options));
      } catch (error) {
        log.recordUnusable(error);
        throw error;
      }
    },
    async *pages<Id extends EndpointId>(endpointId: Id, options?: PageOptions) {
      try {
        yield* api.pages(endpointId, withSink(options));
      } catch (error) {
        log.recordUnusable(error);
        throw error;
      }
    },
    stats: () => api.stats(),
  };
}
