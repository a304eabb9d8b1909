import { type JobWithMetadata, PgBoss } from 'pg-boss';
import { newHolder } from '../scan/scan-lease.ts';
import { recordJobFailure } from './job-failures.ts';
import { requeueOrphanedScans } from './orphaned-scans.ts';
import {
  cancelQueuedScans,
  PURGE_DEAD_LETTER_QUEUE,
  PURGE_QUEUE,
  PURGE_RETRY,
  type PurgeJobContext,
  type PurgeJobData,
  runPurgeJob,
} from './pg-boss-purge-job.ts';
import { queueScan } from './queue-scan.ts';
import {
  type ClaimedScanEnd,
  publishStatus,
  runClaimedScan,
  type ScanJobDeps,
  type ScanStop,
} from './run-claimed-scan.ts';
import { ScanRequestError } from './scan-request-error.ts';
import { dueConnections, scheduleNextScan } from './scan-schedule.ts';
import type { ScanRecord, ScanService } from './scan-service.ts';
import {
  activeScanOf,
  claimScan,
  finishScan,
  getScanRow,
  queuedScans,
  recordOf,
  requeueScan,
} from './scan-store.ts';
import { userName } from './user-names.ts';

// The scan service on PostgreSQL: any number of processes (`palisade serve`, `palisade worker`)
// share one database, and pg-boss decides who runs what. The `scans` table stays the source of
// truth of each scan (queued → running → its end, every move conditional); a pg-boss `scan` job
// with singletonKey = connection id says "run the queued scan of this connection", so the queue
// holds at most one waiting and one running job per connection across the fleet, and the
// connection's lease (scan-lease.ts) still guards the sync itself. `rescan-due` is a pg-boss
// schedule: whichever process pg-boss picks queues the due scans once a minute, however many run.

export const SCAN_QUEUE = 'scan';
export const SCAN_DEAD_LETTER_QUEUE = 'scan-dead-letter';
export const RESCAN_QUEUE = 'rescan-due';

export interface JobRetry {
  /** Attempts after the first before the job goes to its dead-letter queue. */
  limit: number;
  /** Seconds before the first retry; doubled at each retry with backoff. */
  delaySeconds: number;
  backoff: boolean;
}

/** A scan job retries when it could not run its scan: the lease held elsewhere, the database failing. */
export const SCAN_RETRY: JobRetry = { limit: 5, delaySeconds: 30, backoff: true };

export interface PgBossScanServiceDeps extends Omit<ScanJobDeps, 'holder'> {
  /** The PostgreSQL database (DATABASE_URL); pg-boss keeps its tables in `schema`. */
  connectionString: string;
  /** pg-boss's schema (default `pgboss`). */
  schema?: string | undefined;
  /** How often each connection is rescanned, unless its profile overrides it. */
  scanIntervalMs: number;
  /** Scans this process runs at once (default 2). */
  concurrency?: number | undefined;
  /** This process, as written on its scans and leases (default: host, pid and a random part). */
  holder?: string | undefined;
  /** false: queue jobs only, run none (`palisade serve --no-worker`). Default true. */
  runJobs?: boolean | undefined;
  scanRetry?: JobRetry | undefined;
  purgeRetry?: JobRetry | undefined;
  /** How often an idle worker looks for jobs (default 2 s; at least 0.5). */
  pollingIntervalSeconds?: number | undefined;
  /** How long stop() waits for running scans to checkpoint (default 25 s, inside SIGTERM's 30 s). */
  stopTimeoutMs?: number | undefined;
}

export interface PgBossScanService extends ScanService {
  /** What the `rescan-due` schedule runs: orphans queued again, due scans queued, every queued scan given a job. */
  tick(): Promise<void>;
  /** Resolves once no scan runs in this process. */
  idle(): Promise<void>;
  /** Resolves once pg-boss is started and its queues exist (start() does not wait). */
  ready(): Promise<void>;
  readonly holder: string;
}

interface ScanJobData {
  connectionId: string;
}

interface Running {
  connectionId: string;
  controller: AbortController;
  done: Promise<ClaimedScanEnd>;
}

/** Written on a running scan's row by a process that cannot abort it itself, then `byName`. */
const CANCEL_MARK = 'cancelling: requested by ';

/** Why a job attempt failed; pg-boss retries it with backoff, then dead-letters it. */
class JobAttemptError extends Error {}

export function createPgBossScanService(deps: PgBossScanServiceDeps): PgBossScanService {
  const holder = deps.holder ?? newHolder();
  const jobDeps: ScanJobDeps = { ...deps, holder };
  const runJobs = deps.runJobs !== false;
  const retry = deps.scanRetry ?? SCAN_RETRY;
  const purgeRetry = deps.purgeRetry ?? PURGE_RETRY;
  const boss = new PgBoss({
    connectionString: deps.connectionString,
    schema: deps.schema ?? 'pgboss',
    // Only processes that run jobs keep the schedule and the maintenance going.
    schedule: runJobs,
    supervise: runJobs,
    max: 4,
  });
  boss.on('error', (error: Error) => {
    deps.logger?.error({ error: String(error) }, 'the job queue reported an error');
  });
  const running = new Map<string, Running>();
  let booted: Promise<void> | undefined;
  let starting: Promise<void> | undefined;
  let stopped = false;

  const intervalMsOf = (seconds: number | null) => (seconds !== null ? seconds * 1000 : deps.scanIntervalMs);

  async function ensureStarted(): Promise<void> {
    booted ??= (async () => {
      await boss.start();
      await boss.createQueue(SCAN_DEAD_LETTER_QUEUE, { policy: 'standard' });
      await boss.createQueue(SCAN_QUEUE, {
        policy: 'stately',
        retryLimit: retry.limit,
        retryDelay: retry.delaySeconds,
        retryBackoff: retry.backoff,
        deadLetter: SCAN_DEAD_LETTER_QUEUE,
        // A scan may take hours; a dead worker is noticed by its missing heartbeat instead.
        expireInSeconds: 12 * 3600,
        heartbeatSeconds: 30,
      });
      await boss.createQueue(RESCAN_QUEUE, { policy: 'singleton', retryLimit: 0 });
      await boss.createQueue(PURGE_DEAD_LETTER_QUEUE, { policy: 'standard' });
      await boss.createQueue(PURGE_QUEUE, {
        policy: 'stately',
        retryLimit: purgeRetry.limit,
        retryDelay: purgeRetry.delaySeconds,
        retryBackoff: purgeRetry.backoff,
        ...(purgeRetry.backoff ? { retryDelayMax: 600 } : {}),
        deadLetter: PURGE_DEAD_LETTER_QUEUE,
      });
    })();
    return booted;
  }

  async function sendScanJob(connectionId: string): Promise<void> {
    await ensureStarted();
    const data: ScanJobData = { connectionId };
    // null: a job of this connection is waiting already; it takes the oldest queued scan.
    await boss.send(SCAN_QUEUE, data, { singletonKey: connectionId });
  }

  async function request(input: {
    connectionId: string;
    trigger: ScanRecord['trigger'];
    by: string | null;
  }): Promise<ScanRecord> {
    const row = await queueScan(deps.db, { ...input, at: deps.now().toISOString() });
    publishStatus(deps, row.id, row.connection_id, 'queued', null);
    try {
      await sendScanJob(row.connection_id);
    } catch (error) {
      // The row is queued: the next rescan-due pass gives it a job.
      deps.logger?.error(
        { scanId: row.id, error: String(error) },
        'the scan job could not be queued; the schedule retries',
      );
    }
    return recordOf(row);
  }

  async function cancel(input: {
    connectionId: string;
    scanId: string;
    by: string | null;
  }): Promise<ScanRecord> {
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
      const reason = `cancelled by ${byName}`;
      if (await finishScan(deps.db, row.id, 'queued', { status: 'cancelled', reason, at })) {
        publishStatus(deps, row.id, row.connection_id, 'cancelled', reason);
        deps.events.publish({
          type: 'scan.finished',
          connectionId: row.connection_id,
          scanId: row.id,
          at,
          data: { status: 'cancelled', reason },
        });
        // Its job, when a worker takes it, finds no queued scan and ends.
        return recordOf((await getScanRow(deps.db, row.id)) ?? row);
      }
      return cancel(input);
    }
    if (row.status === 'running') {
      const run = running.get(row.id);
      if (!run) return cancelElsewhere(input, byName);
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

  /**
   * A scan another process runs: the request is written on its row (`reason`), which its runner
   * reads every second and stops at the next page; this waits up to 20 s for the end.
   */
  async function cancelElsewhere(
    input: { connectionId: string; scanId: string; by: string | null },
    byName: string,
  ): Promise<ScanRecord> {
    const asked = await deps.db
      .updateTable('scans')
      .set({ reason: `${CANCEL_MARK}${byName}` })
      .where('id', '=', input.scanId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(asked.numUpdatedRows) === 0) return cancel(input);
    const until = Date.now() + 20_000;
    for (;;) {
      const row = await getScanRow(deps.db, input.scanId);
      if (!row) throw new ScanRequestError('scan_not_found', `no scan ${input.scanId} any more`);
      if (row.status !== 'running' || Date.now() > until) return recordOf(row);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Aborts the run when another process asked for its cancel on the row (cancelElsewhere). */
  function watchForCancel(scanId: string, controller: AbortController): NodeJS.Timeout {
    const timer = setInterval(() => {
      getScanRow(deps.db, scanId)
        .then((row) => {
          if (
            row?.status === 'running' &&
            row.reason?.startsWith(CANCEL_MARK) &&
            !controller.signal.aborted
          ) {
            const stop: ScanStop = { kind: 'cancel', byName: row.reason.slice(CANCEL_MARK.length) };
            controller.abort(stop);
          }
        })
        .catch(() => undefined);
    }, 1000);
    timer.unref();
    return timer;
  }

  /** One `scan` job: the connection's oldest queued scan, claimed and run to its end. */
  async function runScanJob(job: JobWithMetadata<ScanJobData>): Promise<void> {
    const { connectionId } = job.data;
    const attempts = job.retryCount + 1;
    const lastAttempt = job.retryCount >= job.retryLimit;
    try {
      await runOneScan(connectionId);
    } catch (error) {
      const lastError = error instanceof Error ? error.message : String(error);
      if (lastAttempt) await giveUp(connectionId, lastError, attempts);
      throw error;
    }
  }

  async function runOneScan(connectionId: string): Promise<void> {
    if (stopped) throw new JobAttemptError('the worker is stopping');
    let active = await activeScanOf(deps.db, connectionId);
    if (!active) return;
    if (active.status === 'running') {
      // Its worker died (its job's heartbeat stopped): queued again once its lease expired.
      await requeueOrphanedScans(deps.db, { holder, now: deps.now() });
      active = await activeScanOf(deps.db, connectionId);
      if (!active) return;
      if (active.status === 'running') {
        throw new JobAttemptError(
          `scan ${active.id} still runs under ${active.holder ?? 'another process'}; retried once its lease expires`,
        );
      }
    }
    const claimed = await claimScan(deps.db, { id: active.id, holder, at: deps.now().toISOString() });
    if (!claimed) throw new JobAttemptError(`scan ${active.id} was taken by another runner`);
    const controller = new AbortController();
    const watching = watchForCancel(claimed.id, controller);
    const done = runClaimedScan(jobDeps, claimed, controller.signal);
    running.set(claimed.id, { connectionId, controller, done: done.catch((): ClaimedScanEnd => 'error') });
    let end: ClaimedScanEnd;
    try {
      end = await done;
    } catch (error) {
      // The database failed while the scan was recorded: back to the queue for the retry.
      await requeueScan(deps.db, { id: claimed.id, holder }).catch(() => false);
      throw error;
    } finally {
      clearInterval(watching);
      running.delete(claimed.id);
    }
    if (end === 'deferred') {
      throw new JobAttemptError(
        `connection ${connectionId} is being scanned by another process (its lease is held); retried later`,
      );
    }
    if (end === 'requeued') {
      // Stopped for shutdown: checkpointed and queued again; a job lets another worker resume it.
      await sendScanJob(connectionId).catch((error: unknown) => {
        deps.logger?.error(
          { scanId: claimed.id, error: String(error) },
          'the scan could not be queued again',
        );
      });
      return;
    }
    await scheduleAfter(claimed.id).catch((error: unknown) => {
      deps.logger?.error(
        { scanId: claimed.id, error: String(error) },
        'the next scan could not be scheduled',
      );
    });
  }

  /** The last attempt failed: the queued scan ends in error naming why, and the failure is listed. */
  async function giveUp(connectionId: string, lastError: string, attempts: number): Promise<void> {
    const active = await activeScanOf(deps.db, connectionId);
    const at = deps.now().toISOString();
    if (active?.status === 'queued') {
      const reason = `gave up after ${attempts} attempts: ${lastError}`;
      if (await finishScan(deps.db, active.id, 'queued', { status: 'error', reason, at })) {
        publishStatus(deps, active.id, connectionId, 'error', reason);
      }
    }
    await recordJobFailure(deps.db, {
      kind: SCAN_QUEUE,
      connectionId,
      scanId: active?.id ?? null,
      failedAt: at,
      lastError,
      attempts,
    });
    deps.logger?.error(
      { connectionId, attempts, lastError },
      'scan job gave up; see GET /api/v1/jobs/dead-letter',
    );
  }

  async function scheduleAfter(scanId: string): Promise<void> {
    const scan = await getScanRow(deps.db, scanId);
    if (!scan?.finished_at) return;
    const profile = await deps.db
      .selectFrom('connection_profiles')
      .select('scan_interval_seconds')
      .where('connection_id', '=', scan.connection_id)
      .executeTakeFirst();
    if (!profile) return;
    await scheduleNextScan(
      deps.db,
      scan.connection_id,
      new Date(scan.finished_at),
      intervalMsOf(profile.scan_interval_seconds),
    );
  }

  async function purgeConnectionJob(input: { connectionId: string; by: string | null }): Promise<void> {
    // Queued scans end now, so that no worker starts one into what is being purged.
    await cancelQueuedScans(purgeContext, input.connectionId, input.by);
    await ensureStarted();
    const data: PurgeJobData = input;
    await boss.send(PURGE_QUEUE, data, { singletonKey: input.connectionId });
  }

  async function scannedWithinInterval(connectionId: string, now: Date): Promise<boolean> {
    const last = await deps.db
      .selectFrom('scans')
      .select('finished_at')
      .where('connection_id', '=', connectionId)
      .where('finished_at', 'is not', null)
      .orderBy('finished_at', 'desc')
      .executeTakeFirst();
    if (!last?.finished_at) return false;
    const profile = await deps.db
      .selectFrom('connection_profiles')
      .select('scan_interval_seconds')
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    return (
      Date.parse(last.finished_at) + intervalMsOf(profile?.scan_interval_seconds ?? null) > now.getTime()
    );
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    const now = deps.now();
    const requeued = await requeueOrphanedScans(deps.db, { holder, now });
    if (requeued.length > 0)
      deps.logger?.info({ scans: requeued }, 'scans of a stopped process queued again');
    for (const due of await dueConnections(deps.db, now, deps.scanIntervalMs)) {
      // A scan that has just ended and not yet set the next date (another process's, maybe).
      if (await scannedWithinInterval(due, now)) continue;
      try {
        await request({ connectionId: due, trigger: 'scheduled', by: null });
      } catch (error) {
        // A scan of it is queued or running already: its end schedules the next one.
        if (!(error instanceof ScanRequestError)) throw error;
      }
    }
    // Every queued scan has a job (one whose send failed, one requeued from a dead process).
    const connections = new Set((await queuedScans(deps.db)).map((row) => row.connection_id));
    for (const connectionId of connections) await sendScanJob(connectionId);
  }

  async function startJobs(): Promise<void> {
    await ensureStarted();
    if (!runJobs || stopped) return;
    await boss.work<ScanJobData>(
      SCAN_QUEUE,
      {
        batchSize: 1,
        includeMetadata: true,
        localConcurrency: Math.max(1, deps.concurrency ?? 2),
        pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 2,
      },
      async (jobs) => {
        // includeMetadata: the retry count and limit, to know the last attempt.
        const job = jobs[0] as JobWithMetadata<ScanJobData> | undefined;
        if (job) await runScanJob(job);
      },
    );
    await boss.work<PurgeJobData>(
      PURGE_QUEUE,
      { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        const job = jobs[0] as JobWithMetadata<PurgeJobData> | undefined;
        if (job) await runPurgeJob(purgeContext, job);
      },
    );
    await boss.work(RESCAN_QUEUE, { pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 2 }, () => tick());
    await boss.schedule(RESCAN_QUEUE, '* * * * *');
    // Without waiting for the schedule's next minute: what a dead process left, and what is due.
    await tick().catch((error: unknown) => {
      deps.logger?.error({ error: String(error) }, 'the scan schedule could not be read');
    });
  }

  const purgeContext: PurgeJobContext = { ...deps, holder, cancel };

  return {
    holder,
    request,
    cancel,
    purgeConnection: purgeConnectionJob,
    tick,
    ready: () => ensureStarted(),
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()].map((r) => r.done));
    },
    start() {
      stopped = false;
      starting = startJobs().catch((error: unknown) => {
        deps.logger?.error({ error: String(error) }, 'the job queue could not be started');
      });
    },
    async stop() {
      stopped = true;
      await starting?.catch(() => undefined);
      const stop: ScanStop = { kind: 'shutdown' };
      for (const run of running.values()) run.controller.abort(stop);
      // pg-boss waits for the handlers, which end once their scans have checkpointed.
      if (booted) await boss.stop({ graceful: true, timeout: deps.stopTimeoutMs ?? 25_000 });
    },
  };
}
