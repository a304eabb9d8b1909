import { randomUUID } from 'node:crypto';
import { noteDelivery } from './channels-store.ts';
import { type DeliverDeps, deliverRow } from './deliver.ts';
import { flushDigests } from './digests.ts';
import { claimDue, markAttemptFailed, markDelivered, pruneOutbox } from './outbox.ts';

// The delivery job: every few seconds (and at once when something is queued) it turns due digests
// into messages, claims due outbox rows and delivers them one by one, noting each outcome on the
// row (retry with backoff) and on its channel (lastDeliveredAt, lastError). Runs in `palisade
// serve` and `palisade worker`; several runners share one PostgreSQL outbox safely.

export interface RunnerLogger {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface DeliveryRunnerDeps extends DeliverDeps {
  holder?: string | undefined;
  /** How often the outbox is looked at (default 5 s). */
  intervalMs?: number | undefined;
  /** Rows claimed at once (default 20). */
  batch?: number | undefined;
  logger?: RunnerLogger | undefined;
}

export interface RunOutcome {
  delivered: number;
  retrying: number;
  failed: number;
}

export interface DeliveryRunner {
  start(): void;
  stop(): Promise<void>;
  /** One pass: digests due, then every due message. Passes never overlap in one runner. */
  runOnce(): Promise<RunOutcome>;
  /** Asks for a pass soon (something was queued). */
  kick(): void;
}

export function createDeliveryRunner(deps: DeliveryRunnerDeps): DeliveryRunner {
  const holder = deps.holder ?? `notify-${randomUUID()}`;
  const intervalMs = deps.intervalMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RunOutcome> | undefined;
  let stopped = false;

  async function pass(): Promise<RunOutcome> {
    const outcome: RunOutcome = { delivered: 0, retrying: 0, failed: 0 };
    await pruneOutbox(deps.db, deps.now());
    await flushDigests(deps.db, deps.now());
    for (;;) {
      if (stopped) break;
      const rows = await claimDue(deps.db, { holder, now: deps.now(), limit: deps.batch ?? 20 });
      if (rows.length === 0) break;
      for (const row of rows) {
        const at = deps.now();
        try {
          await deliverRow(deps, row);
          await markDelivered(deps.db, row.id, holder, at);
          if (row.channel_id)
            await noteDelivery(deps.db, row.channel_id, { at: at.toISOString(), error: null });
          outcome.delivered += 1;
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          const result = await markAttemptFailed(deps.db, row, holder, at, reason);
          if (row.channel_id)
            await noteDelivery(deps.db, row.channel_id, { at: at.toISOString(), error: reason });
          deps.logger?.warn(
            { delivery: row.id, channel: row.channel_id, attempt: Number(row.attempts) + 1, reason },
            result === 'failed' ? 'notification failed for good' : 'notification will be retried',
          );
          outcome[result === 'failed' ? 'failed' : 'retrying'] += 1;
        }
      }
    }
    return outcome;
  }

  function runOnce(): Promise<RunOutcome> {
    const next = (running ?? Promise.resolve()).catch(() => undefined).then(pass);
    running = next;
    return next;
  }

  function safeRun(): void {
    runOnce().catch((error: unknown) =>
      deps.logger?.warn(
        { reason: error instanceof Error ? error.message : String(error) },
        'notification delivery pass failed',
      ),
    );
  }

  return {
    start() {
      if (timer || stopped) return;
      timer = setInterval(safeRun, intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    runOnce,
    kick() {
      if (!stopped) safeRun();
    },
  };
}
