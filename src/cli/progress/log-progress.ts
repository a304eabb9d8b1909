import type { SyncProgress } from '../../sync/run-sync.ts';
import type { OutputStream } from '../cli-deps.ts';
import { labelOf, type Progress, type ProgressScope, ScopeCounters, waitingText } from './progress.ts';

// Progress for logs (CI, pipes): plain lines, never a control character, so a build log reads
// top to bottom. One line per phase, per scope finished, per dataset that was NOT read
// completely (the coverage gaps, with the reason in the report), per wait for Atlassian's hourly
// quota, and at most one "still going" line every HEARTBEAT_MS so a long sync shows it is alive
// without flooding the log.

const HEARTBEAT_MS = 5_000;

export function logProgress(out: OutputStream, clock: () => number = Date.now): Progress {
  let counters = new ScopeCounters([]);
  let lastLine = clock();
  let lastWaiting: string | undefined;
  const line = (text: string) => {
    lastLine = clock();
    out.write(`palisade: ${text}\n`);
  };
  return {
    phase: (text) => line(text),
    plan(scopes: readonly ProgressScope[], skipped) {
      counters = new ScopeCounters(scopes);
      const total = scopes.reduce((n, s) => n + s.total, 0);
      line(`collecting ${total} datasets from ${scopes.map((s) => s.label).join(', ')}`);
      for (const s of skipped) line(`skipping ${s.label}: ${s.reason}`);
    },
    sync(event: SyncProgress) {
      const waiting = waitingText(event);
      if (waiting) {
        // A wait extended by a few seconds reads the same: one line for it.
        if (waiting !== lastWaiting) line(waiting);
        lastWaiting = waiting;
        return;
      }
      counters.apply(event);
      const scope = counters.scopes.find((s) => s.scope === event.scope);
      if (event.event === 'dataset' && scope) {
        const label = labelOf(counters.scopes, event.scope);
        if (event.status !== 'ok')
          line(`${label}: ${event.dataset} ${event.status} (see the report's coverage)`);
        const done = counters.done.get(scope.scope) ?? 0;
        if (done === scope.total) {
          const items = counters.items.get(scope.scope) ?? 0;
          line(`${label}: ${done} datasets read, ${items} items`);
        }
        return;
      }
      if (clock() - lastLine >= HEARTBEAT_MS) {
        line(`… ${event.datasetsDone}/${event.datasetsTotal} datasets, ${event.itemsRead} items so far`);
      }
    },
    end() {},
  };
}
