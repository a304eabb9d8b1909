import type { SyncProgress } from '../../sync/run-sync.ts';

// What a long command tells the person waiting: the phase it is in, and during the sync one bar
// per scope (the org and each site) counting datasets done. On a terminal the bars redraw in
// place (tty-progress.ts); otherwise (CI logs, pipes) each finished dataset is one plain line
// (log-progress.ts). Both write to stderr, so stdout stays the command's result.

export interface ProgressScope {
  /** 'org' or a site's cloud id, as sync progress events name it. */
  scope: string;
  /** What to show: `org <name>` or the site's host. */
  label: string;
  /** Datasets this run collects in the scope. */
  total: number;
}

export interface Progress {
  /** A step of the command: "discovering sites", "evaluating rules", "writing reports". */
  phase(text: string): void;
  /** The sync is about to start with these scopes. */
  plan(scopes: readonly ProgressScope[], skipped: readonly { label: string; reason: string }[]): void;
  sync(event: SyncProgress): void;
  /** The sync ended (bars are drawn one last time and left on screen). */
  end(): void;
}

/** Per-scope counters both renderers keep. */
export class ScopeCounters {
  readonly scopes: ProgressScope[];
  readonly done = new Map<string, number>();
  readonly items = new Map<string, number>();
  readonly current = new Map<string, string>();
  readonly problems = new Map<string, number>();
  /** The run's total so far; a page event's share is the difference (events are synchronous). */
  private itemsSeen = 0;

  constructor(scopes: readonly ProgressScope[]) {
    this.scopes = [...scopes];
  }

  apply(event: SyncProgress): void {
    const delta = Math.max(0, event.itemsRead - this.itemsSeen);
    this.itemsSeen = Math.max(this.itemsSeen, event.itemsRead);
    const scope = event.scope;
    if (scope === undefined) return;
    if (event.event === 'page') {
      this.items.set(scope, (this.items.get(scope) ?? 0) + delta);
      if (event.dataset) this.current.set(scope, event.dataset);
    }
    if (event.event === 'dataset') {
      this.done.set(scope, (this.done.get(scope) ?? 0) + 1);
      if (event.status && event.status !== 'ok')
        this.problems.set(scope, (this.problems.get(scope) ?? 0) + 1);
      this.current.delete(scope);
    }
  }
}

export function labelOf(scopes: readonly ProgressScope[], scope: string | undefined): string {
  return scopes.find((s) => s.scope === scope)?.label ?? scope ?? '';
}

/**
 * A waiting event in words: "waiting for Atlassian's hourly quota until 14:08" (local time,
 * rounded up to the minute so the time shown has not passed while calls still wait).
 */
export function waitingText(event: SyncProgress): string | undefined {
  if (event.event !== 'waiting' || !event.waitingUntil) return undefined;
  const until = new Date(event.waitingUntil);
  if (Number.isNaN(until.getTime())) return undefined;
  const shown = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  const hhmm = `${String(shown.getHours()).padStart(2, '0')}:${String(shown.getMinutes()).padStart(2, '0')}`;
  return `waiting for Atlassian's hourly quota until ${hhmm}`;
}
