import { newHolder } from '../scan/scan-lease.ts';
import { requeueOrphanedScans } from './orphaned-scans.ts';
import { queueScan } from './queue-scan.ts';
import {
  type ClaimedScanEnd,
  publishStatus,
  runClaimedScan,
  type ScanJobDeps,
  type ScanStop,
} from './run-claimed-scan.ts';
import { ScanRequestError } from './scan-request-error.ts';
import { dueConnections, scheduleAfterScan } from './scan-schedule.ts';
import type { ScanRecord, ScanService } from './scan-service.ts';
import { claimScan, finishScan, getScanRow, queuedScans, recordOf, runningScans } from './scan-store.ts';
import { userName } from './user-names.ts';

// The scan service of one process (the embedded default on SQLite): queued scans live in the
// `scans` table, a runner in this process takes them oldest first — one per connection, at most
// `concurrency` tenants at once — and a timer queues the scheduled ones. Everything durable is in
// the database (the queue, progress, checkpoints, the lease), so the job-queue issue swaps only
// the part that decides who runs what (`pump`, `tick`) for pg-boss; `runClaimedScan` and the
// store stay.

export interface InProcessScanServiceDeps extends Omit<ScanJobDeps, 'holder'> {
  /** How often each connection is rescanned, unless its profile overrides it. */
  scanIntervalMs: number;
  /** Tenants scanned at once (default 2). */
  concurrency?: number | undefined;
  /** This process, as written on its scans and leases (default: host, pid and a random part). */
  holder?: string | undefined;
  /** How often the schedule is looked at (default 30 s). */
  tickMs?: number | undefined;
  /**
   * How long stop() waits for running scans to checkpoint (default 25 s, inside the 30 s a
   * SIGTERM allows); a scan still running then is left to its lease's expiry and the next start.
   */
  stopTimeoutMs?: number | undefined;
}

export interface InProcessScanService extends ScanService {
  /** Queues the scheduled scans that are due, and runs what it can (the timer calls it too). */
  tick(): Promise<void>;
  /** Resolves once no scan runs in this process and none it could take is queued. */
  idle(): Promise<void>;
  readonly holder: string;
}

interface Running {
  connectionId: string;
  controller: AbortController;
  done: Promise<ClaimedScanEnd>;
}

export function createInProcessScanService(deps: InProcessScanServiceDeps): InProcessScanService {
  const holder = deps.holder ?? newHolder();
  const jobDeps: ScanJobDeps = { ...deps, holder };
  const concurrency = Math.max(1, deps.concurrency ?? 2);
  const running = new Map<string, Running>();
  // Connections whose lease another process holds: left alone until the next tick.
  const deferred = new Set<string>();
  // One request at a time per connection in this process, so two clicks queue one scan.
  const requesting = new Map<string, Promise<unknown>>();
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  let startup: Promise<void> = Promise.resolve();

  async function request(input: {
    connectionId: string;
    trigger: ScanRecord['trigger'];
    by: string | null;
  }): Promise<ScanRecord> {
    const previous = requesting.get(input.connectionId) ?? Promise.resolve();
    const attempt = previous.catch(() => undefined).then(() => queue(input));
    requesting.set(input.connectionId, attempt);
    try {
      return await attempt;
    } finally {
      if (requesting.get(input.connectionId) === attempt) requesting.delete(input.connectionId);
    }
  }

  async function queue(input: {
    connectionId: string;
    trigger: ScanRecord['trigger'];
    by: string | null;
  }): Promise<ScanRecord> {
    const row = await queueScan(deps.db, { ...input, at: deps.now().toISOString() });
    publishStatus(deps, row.id, row.connection_id, 'queued', null);
    void pump();
    return recordOf(row);
  }

  async function cancel(
    input: { connectionId: string; scanId: string; by: string | null },
    retried = false,
  ): Promise<ScanRecord> {
    const row = await getScanRow(deps.db, input.scanId);
    if (!row || row.connection_id !== input.connectionId) {
      throw new ScanRequestError(
        'scan_not_found',
        `no scan ${input.scanId} of connection ${input.connectionId}`,
      );
    }
    const byName = await userName(deps.db, input.by);
    if (row.status === 'queued') {
      const at = deps.now().toISOString();
      if (
        await finishScan(deps.db, row.id, 'queued', {
          status: 'cancelled',
          reason: `cancelled by ${byName}`,
          at,
        })
      ) {
        publishStatus(deps, row.id, row.connection_id, 'cancelled', `cancelled by ${byName}`);
        deps.events.publish({
          type: 'scan.finished',
          connectionId: row.connection_id,
          scanId: row.id,
          at,
          data: { status: 'cancelled', reason: `cancelled by ${byName}` },
        });
        return recordOf((await getScanRow(deps.db, row.id)) ?? row);
      }
      // A runner took it meanwhile: cancel it running.
      return cancel(input, retried);
    }
    if (row.status === 'running') {
      const run = running.get(row.id);
      if (!run && row.holder === holder && !retried) {
        // This runner has just claimed it and is about to start it: look again once it has.
        await pumping;
        return cancel(input, true);
      }
      if (!run) {
        throw new ScanRequestError(
          'scan_in_progress',
          `scan ${row.id} runs in another process (${row.holder ?? 'unknown'}); cancel it there, or wait for it to finish`,
          { scanId: row.id },
        );
      }
      const stop: ScanStop = { kind: 'cancel', byName };
      run.controller.abort(stop);
      await run.done;
      return recordOf((await getScanRow(deps.db, row.id)) ?? row);
    }
    throw new ScanRequestError(
      'scan_finished',
      `scan ${row.id} has already finished (${row.status}); there is nothing to cancel`,
      { scanId: row.id },
    );
  }

  /** Takes queued scans while there is room; one pass at a time, repeated when asked meanwhile. */
  function pump(): Promise<void> {
    if (!started || stopped) return Promise.resolve();
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = (async () => {
      try {
        do {
          pumpAgain = false;
          await takeQueued();
        } while (pumpAgain && !stopped);
      } catch (error) {
        deps.logger?.error({ error: String(error) }, 'the scan queue could not be read');
      } finally {
        pumping = undefined;
      }
    })();
    return pumping;
  }

  async function takeQueued(): Promise<void> {
    if (running.size >= concurrency) return;
    const busy = new Set([...running.values()].map((r) => r.connectionId));
    // Scans another process runs: one scan per connection, whoever runs it.
    for (const row of await runningScans(deps.db)) busy.add(row.connection_id);
    for (const row of await queuedScans(deps.db)) {
      if (stopped || running.size >= concurrency) return;
      if (busy.has(row.connection_id) || deferred.has(row.connection_id)) continue;
      const claimed = await claimScan(deps.db, { id: row.id, holder, at: deps.now().toISOString() });
      if (!claimed) continue;
      busy.add(row.connection_id);
      launch(claimed);
    }
  }

  function launch(row: NonNullable<Awaited<ReturnType<typeof claimScan>>>): void {
    const controller = new AbortController();
    const done = runClaimedScan(jobDeps, row, controller.signal)
      .catch((error: unknown): ClaimedScanEnd => {
        // runClaimedScan records every failure of the scan itself; this is the database failing
        // while it did. The row stays running until a successor requeues it.
        deps.logger?.error({ scanId: row.id, error: String(error) }, 'the scan could not be recorded');
        return 'error';
      })
      .then(async (end) => {
        if (end === 'deferred') deferred.add(row.connection_id);
        if (end === 'success' || end === 'error' || end === 'cancelled') {
          await scheduleAfter(row.id).catch((error: unknown) => {
            deps.logger?.error(
              { scanId: row.id, error: String(error) },
              'the next scan could not be scheduled',
            );
          });
        }
        return end;
      })
      .finally(() => {
        running.delete(row.id);
        void pump();
      });
    running.set(row.id, { connectionId: row.connection_id, controller, done });
  }

  /** The next scheduled scan of the connection: one interval after this one finished. */
  async function scheduleAfter(scanId: string): Promise<void> {
    const scan = await getScanRow(deps.db, scanId);
    if (scan) await scheduleAfterScan(deps.db, scan, deps.scanIntervalMs);
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    deferred.clear();
    const now = deps.now();
    // A process that died less than a lease ago at start() is looked at again on every tick.
    const requeued = await requeueOrphanedScans(deps.db, { holder, now, leaseTtlMs: deps.leaseTtlMs });
    if (requeued.length > 0)
      deps.logger?.info({ scans: requeued }, 'scans of a stopped process queued again');
    for (const due of await dueConnections(deps.db, now, deps.scanIntervalMs)) {
      try {
        await request({ connectionId: due, trigger: 'scheduled', by: null });
      } catch (error) {
        // A scan of it is queued or running already: its end schedules the next one.
        if (!(error instanceof ScanRequestError)) throw error;
      }
    }
    await pump();
  }

  async function idle(): Promise<void> {
    await startup;
    while (pumping || running.size > 0) {
      await pumping;
      await Promise.all([...running.values()].map((r) => r.done));
    }
  }

  return {
    holder,
    request,
    cancel,
    tick,
    idle,
    start() {
      if (started) return;
      started = true;
      stopped = false;
      const ticking = async () => {
        try {
          await tick();
        } catch (error) {
          deps.logger?.error({ error: String(error) }, 'the scan schedule could not be read');
        }
      };
      // The first tick queues again what a dead process left running, then takes the queue.
      startup = ticking();
      timer = setInterval(ticking, deps.tickMs ?? 30_000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      started = false;
      if (timer) clearInterval(timer);
      await pumping;
      const stop: ScanStop = { kind: 'shutdown' };
      const runs = [...running.values()];
      for (const run of runs) run.controller.abort(stop);
      let timeout: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<'timeout'>((resolve) => {
        timeout = setTimeout(() => resolve('timeout'), deps.stopTimeoutMs ?? 25_000);
      });
      const ended = await Promise.race([Promise.all(runs.map((r) => r.done)), gaveUp]);
      clearTimeout(timeout);
      if (ended === 'timeout') {
        deps.logger?.warn(
          { scans: [...running.keys()] },
          'scans still running at shutdown; the next start resumes them once their leases expire',
        );
      }
    },
  };
}
