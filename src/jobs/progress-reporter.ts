import type { ScansTable } from '../db/schema-server.ts';
import type { SyncProgress } from '../sync/run-sync.ts';
import type { ScanJobDeps } from './run-claimed-scan.ts';
import type { ScanProgress } from './scan-service.ts';
import { writeProgress } from './scan-store.ts';

// A running scan's progress, kept in its row and published as `scan.progress`, at most once per
// throttle period: a sync reports every page, and neither the database nor a browser needs each.
// The period is counted by a timer, not read from a clock, so a test's frozen clock changes nothing.
// Writes are chained, so the last one written is the last one reported.

export interface ProgressReporter {
  phase(phase: string): void;
  sync(event: SyncProgress): void;
  /** The sync run, once its first event named it. */
  runId(): string | null;
  /** Writes what is pending and stops; the scan's end is written after this. */
  close(): Promise<void>;
}

export function progressReporter(
  deps: Pick<ScanJobDeps, 'db' | 'events' | 'now' | 'logger'>,
  row: ScansTable,
  throttleMs: number,
): ProgressReporter {
  let current: ScanProgress = { done: 0, total: 0, phase: 'connecting' };
  let itemsRead = 0;
  let runId: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let writes: Promise<void> = Promise.resolve();

  const flush = () => {
    timer = undefined;
    const progress = { ...current };
    const items = itemsRead;
    const syncRunId = runId;
    writes = writes
      .then(() => writeProgress(deps.db, { id: row.id, progress, syncRunId }))
      .then(() =>
        deps.events.publish({
          type: 'scan.progress',
          connectionId: row.connection_id,
          scanId: row.id,
          at: deps.now().toISOString(),
          data: { progress, itemsRead: items },
        }),
      )
      .catch((error: unknown) => {
        // A progress write that fails costs the display one update, never the scan.
        deps.logger?.warn({ scanId: row.id, error: String(error) }, 'scan progress not written');
      });
  };
  const changed = () => {
    if (closed || timer) return;
    timer = setTimeout(flush, throttleMs);
    timer.unref();
  };
  // The first report goes out at once, so a watcher sees the scan start without waiting a period.
  flush();

  return {
    phase(phase) {
      if (phase === current.phase) return;
      current = { ...current, phase };
      changed();
    },
    sync(event) {
      runId ??= event.runId;
      itemsRead = event.itemsRead;
      current = {
        done: event.datasetsDone,
        total: event.datasetsTotal,
        phase: event.event === 'waiting' ? 'waiting' : 'syncing',
      };
      changed();
    },
    runId: () => runId,
    async close() {
      if (closed) return writes;
      closed = true;
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      await writes;
    },
  };
}
