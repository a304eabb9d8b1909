// Whether a connection's last sync needs a look (the Integrations window's "Last Sync", shown
// N/A until one finished): `excessive` when the sync took longer than the threshold
// (`excessiveSyncMs`, default 30 min) or finished longer ago than twice the connection's schedule,
// with the reason in words so that one line tells what is wrong.

export interface LastSync {
  at: string;
  durationSeconds: number;
  excessive: boolean;
  reason?: string | undefined;
}

export interface SyncHealthInput {
  startedAt: string;
  finishedAt: string;
  now: Date;
  excessiveSyncMs: number;
  intervalMs: number;
}

/** How far over its limit the sync is (> 1: excessive), for ranking which needs a look first. */
export interface JudgedSync {
  lastSync: LastSync;
  overBy: number;
}

export function judgeLastSync(input: SyncHealthInput): JudgedSync {
  const finished = Date.parse(input.finishedAt);
  const durationMs = Math.max(0, finished - Date.parse(input.startedAt));
  const ageMs = Math.max(0, input.now.getTime() - finished);
  const slow = durationMs / input.excessiveSyncMs;
  const stale = ageMs / (2 * input.intervalMs);
  const reasons: string[] = [];
  if (slow > 1) {
    reasons.push(
      `took ${humanDuration(durationMs)}, over the ${humanDuration(input.excessiveSyncMs)} threshold`,
    );
  }
  if (stale > 1) {
    reasons.push(
      `last synced ${humanDuration(ageMs)} ago, over twice the ${humanDuration(input.intervalMs)} schedule`,
    );
  }
  return {
    lastSync: {
      at: input.finishedAt,
      durationSeconds: Math.round(durationMs / 1000),
      excessive: reasons.length > 0,
      ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
    },
    overBy: Math.max(slow, stale),
  };
}

/** "41 min", "14 h", "3 d": the unit a person reads a schedule in. */
export function humanDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}
