import { sql } from 'kysely';
import type { JobWithMetadata } from 'pg-boss';
import { newHolder, releaseScanLease, SCAN_LEASE_TTL_MS } from '../scan/scan-lease.ts';
import { askToCancel, waitForEnd, watchForCancel } from './cross-process-cancel.ts';
import { databaseDown, errorText, untilDatabaseAnswers } from './database-down.ts';
import { recordJobFailure } from './job-failures.ts';
import { requeueOrphanedScans } from './orphaned-scans.ts';
import {
  cancelQueuedScans,
  type PurgeJobContext,
  type PurgeJobData,
  runPurgeJob,
} from './pg-boss-purge-job.ts';
import {
  createBoss,
  createQueues,
  type JobRetry,
  PURGE_QUEUE,
  PURGE_RETRY,
  RESCAN_QUEUE,
  SCAN_QUEUE,
  scanRetryFor,
} from './pg-boss-queues.ts';
import { queueScan } from './queue-scan.ts';
import {
  type ClaimedScanEnd,
  publishStatus,
  runClaimedScan,
  type ScanJobDeps,
  type ScanStop,
} from './run-claimed-scan.ts';
import { ScanRequestError } from './scan-request-error.ts';
import { dueConnections, scannedWithinInterval, scheduleAfterScan } from './scan-schedule.ts';
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

/** How long a scan job waits for the database to come back before it fails (and is retried). */
const OUTAGE_WAIT_MS = 5 * 60_000;

/** Why a job attempt failed; pg-boss retries it with backoff, then dead-letters it. */
class JobAttemptError extends Error {}

export function createPgBossScanService(deps: PgBossScanServiceDeps): PgBossScanService {
  const holder = deps.holder ?? newHolder();
  const jobDeps: ScanJobDeps = { ...deps, holder };
  const runJobs = deps.runJobs !== false;
  const leaseTtlMs = deps.leaseTtlMs ?? SCAN_LEASE_TTL_MS;
  const retry = deps.scanRetry ?? scanRetryFor(leaseTtlMs);
  const purgeRetry = deps.purgeRetry ?? PURGE_RETRY;
  const boss = createBoss({
    connectionString: deps.connectionString,
    schema: deps.schema ?? 'pgboss',
    runJobs,
    leaseTtlMs,
  });
  boss.on('error', (error: Error) => {
    deps.logger?.error({ error: errorText(error) }, 'the job queue reported an error');
  });
  const running = new Map<string, Running>();
  let booted: Promise<void> | undefined;
  let starting: Promise<void> | undefined;
  let stopped = false;

  async function ensureStarted(): Promise<void> {
    booted ??= (async () => {
      await boss.start();
      await createQueues(boss, { scanRetry: retry, purgeRetry, leaseTtlMs });
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
    if (!(await askToCancel(deps.db, input.scanId, byName))) return cancel(input);
    const row = await waitForEnd(deps.db, input.scanId);
    if (!row) throw new ScanRequestError('scan_not_found', `no scan ${input.scanId} any more`);
    return recordOf(row);
  }

  /** One `scan` job: the connection's oldest queued scan, claimed and run to its end. */
  async function runScanJob(job: JobWithMetadata<ScanJobData>): Promise<void> {
    const { connectionId } = job.data;
    const attempts = job.retryCount + 1;
    const lastAttempt = job.retryCount >= job.retryLimit;
    try {
      await runScanThroughOutages(connectionId);
    } catch (error) {
      const lastError = error instanceof Error ? error.message : String(error);
      if (lastAttempt) await giveUp(connectionId, lastError, attempts);
      throw error;
    }
  }

  /**
   * The database went away mid-scan (a restart, a failover): the job stays with this worker, waits
   * for the database (up to OUTAGE_WAIT_MS) and resumes the scan from its checkpoints at once,
   * rather than failing and waiting for pg-boss to notice and retry it.
   */
  async function runScanThroughOutages(connectionId: string): Promise<void> {
    for (;;) {
      try {
        await runOneScan(connectionId);
        return;
      } catch (error) {
        if (stopped || !databaseDown(error)) throw error;
        deps.logger?.warn(
          { connectionId, error: errorText(error) },
          'the database is away; the scan resumes once it answers',
        );
        const back = await untilDatabaseAnswers(() => sql`select 1`.execute(deps.db), {
          until: Date.now() + OUTAGE_WAIT_MS,
          cancelled: () => stopped,
        });
        if (!back) throw error;
      }
    }
  }

  async function runOneScan(connectionId: string): Promise<void> {
    if (stopped) throw new JobAttemptError('the worker is stopping');
    let active = await activeScanOf(deps.db, connectionId);
    if (!active) return;
    if (active.status === 'running') {
      if (active.holder === holder && !running.has(active.id)) {
        // This process's own scan whose end could not be written (the database was away); its
        // lease, which the scan could not release either, goes with it.
        await requeueScan(deps.db, { id: active.id, holder });
        await releaseScanLease(deps.db, { connectionId, holder });
      }
      // Its worker died (its job's heartbeat stopped): queued again once its lease expired.
      await requeueOrphanedScans(deps.db, { holder, now: deps.now(), leaseTtlMs });
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
    const stopWatching = watchForCancel(deps.db, claimed.id, controller);
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
      stopWatching();
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
    if (scan) await scheduleAfterScan(deps.db, scan, deps.scanIntervalMs);
  }

  async function purgeConnectionJob(input: { connectionId: string; by: string | null }): Promise<void> {
    // Queued scans end now, so that no worker starts one into what is being purged.
    await cancelQueuedScans(purgeContext, input.connectionId, input.by);
    await ensureStarted();
    const data: PurgeJobData = input;
    await boss.send(PURGE_QUEUE, data, { singletonKey: input.connectionId });
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    const now = deps.now();
    const requeued = await requeueOrphanedScans(deps.db, { holder, now, leaseTtlMs });
    if (requeued.length > 0)
      deps.logger?.info({ scans: requeued }, 'scans of a stopped process queued again');
    for (const due of await dueConnections(deps.db, now, deps.scanIntervalMs)) {
      // A scan that has just ended and not yet set the next date (another process's, maybe).
      if (await scannedWithinInterval(deps.db, due, now, deps.scanIntervalMs)) continue;
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
