import { PgBoss } from 'pg-boss';
import { SCAN_LEASE_TTL_MS } from '../scan/scan-lease.ts';

// The pg-boss side of the job layer on PostgreSQL: the queues, each job kind's retry and backoff,
// and how quickly a dead worker is noticed. Every liveness timing follows the connection lease's
// term (PALISADE_SCAN_LEASE_TTL, default 60 s), so that a worker that died (SIGKILL, a lost
// machine) hands its scan on within about two terms: its job misses heartbeats (half a term, at
// least pg-boss's 10 s), the monitor notices within a quarter term, the retry waits half a term
// and finds the lease expired.

export const SCAN_QUEUE = 'scan';
export const SCAN_DEAD_LETTER_QUEUE = 'scan-dead-letter';
export const RESCAN_QUEUE = 'rescan-due';
export const PURGE_QUEUE = 'purge-connection';
export const PURGE_DEAD_LETTER_QUEUE = 'purge-connection-dead-letter';

export interface JobRetry {
  /** Attempts after the first before the job goes to its dead-letter queue. */
  limit: number;
  /** Seconds before the first retry; doubled at each retry with backoff. */
  delaySeconds: number;
  backoff: boolean;
}

/**
 * A scan job retries when it could not run its scan (the lease held elsewhere, the database
 * failing): five times, the first after half a lease term (30 s by default), with backoff.
 */
export function scanRetryFor(leaseTtlMs = SCAN_LEASE_TTL_MS): JobRetry {
  return { limit: 5, delaySeconds: Math.max(1, Math.round(leaseTtlMs / 2000)), backoff: true };
}

/** A purge retries while a scan of the connection still runs elsewhere, or the database fails. */
export const PURGE_RETRY: JobRetry = { limit: 8, delaySeconds: 10, backoff: true };

export interface BossOptions {
  connectionString: string;
  schema: string;
  /** false: this process only sends jobs (`serve --no-worker`): no schedule, no maintenance. */
  runJobs: boolean;
  leaseTtlMs: number;
}

/** A running scan job's heartbeat: half a lease term, at least pg-boss's floor of 10 s. */
export function heartbeatSecondsFor(leaseTtlMs: number): number {
  return Math.max(10, Math.round(leaseTtlMs / 2000));
}

export function createBoss(options: BossOptions): PgBoss {
  const monitorSeconds = Math.max(1, Math.min(60, Math.round(leaseTtlSeconds(options) / 4)));
  return new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema,
    // Only processes that run jobs keep the schedule and the maintenance going.
    schedule: options.runJobs,
    supervise: options.runJobs,
    superviseIntervalSeconds: monitorSeconds,
    monitorIntervalSeconds: monitorSeconds,
    max: 4,
  });
}

function leaseTtlSeconds(options: BossOptions): number {
  return options.leaseTtlMs / 1000;
}

/**
 * Creates the queues, and sets their retries and heartbeat on queues that exist already (pg-boss's
 * create leaves an existing queue as it was: a changed PALISADE_SCAN_LEASE_TTL would not apply).
 * Every process does so at start; they all write the same settings.
 */
export async function createQueues(
  boss: PgBoss,
  input: { scanRetry: JobRetry; purgeRetry: JobRetry; leaseTtlMs: number },
): Promise<void> {
  const scan = {
    ...retryOptions(input.scanRetry, SCAN_DEAD_LETTER_QUEUE),
    // A scan may take hours; a dead worker is noticed by its missing heartbeat instead.
    expireInSeconds: 12 * 3600,
    heartbeatSeconds: heartbeatSecondsFor(input.leaseTtlMs),
  };
  const purge = retryOptions(input.purgeRetry, PURGE_DEAD_LETTER_QUEUE);
  await boss.createQueue(SCAN_DEAD_LETTER_QUEUE, { policy: 'standard' });
  // One waiting and one running job per connection (singletonKey) across the fleet.
  await boss.createQueue(SCAN_QUEUE, { policy: 'stately', ...scan });
  await boss.updateQueue(SCAN_QUEUE, scan);
  await boss.createQueue(RESCAN_QUEUE, { policy: 'singleton', retryLimit: 0 });
  await boss.createQueue(PURGE_DEAD_LETTER_QUEUE, { policy: 'standard' });
  await boss.createQueue(PURGE_QUEUE, { policy: 'stately', ...purge });
  await boss.updateQueue(PURGE_QUEUE, purge);
}

/** A job kind's retries in pg-boss's terms: backoff doubles the delay up to 10 minutes. */
function retryOptions(retry: JobRetry, deadLetter: string) {
  return {
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
    ...(retry.backoff ? { retryDelayMax: 600 } : {}),
    deadLetter,
  };
}
