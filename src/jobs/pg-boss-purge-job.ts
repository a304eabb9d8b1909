import type { JobWithMetadata } from 'pg-boss';
import { purgeConnection } from '../connections/managed/purge-connection.ts';
import { recordJobFailure } from './job-failures.ts';
import { requeueOrphanedScans } from './orphaned-scans.ts';
import { PURGE_QUEUE } from './pg-boss-queues.ts';
import type { ScanJobDeps } from './run-claimed-scan.ts';
import type { ScanService } from './scan-service.ts';
import { activeScanOf } from './scan-store.ts';

// The purge of a deleted connection as a pg-boss job (PostgreSQL): a process that dies mid-purge
// leaves the job to be retried, and the purge waits for the connection's running scan — wherever
// it runs — to stop at its next page before anything is deleted under it.

export interface PurgeJobData {
  connectionId: string;
  by: string | null;
}

export interface PurgeJobContext
  extends Pick<ScanJobDeps, 'db' | 'now' | 'events' | 'logger' | 'holder' | 'leaseTtlMs'> {
  cancel: ScanService['cancel'];
}

/** Queued scans of the connection end now, so that no worker starts one into what is purged. */
export async function cancelQueuedScans(
  ctx: PurgeJobContext,
  connectionId: string,
  by: string | null,
): Promise<void> {
  const queued = await ctx.db
    .selectFrom('scans')
    .select('id')
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'queued')
    .execute();
  for (const scan of queued) {
    await ctx.cancel({ connectionId, scanId: scan.id, by }).catch(() => undefined);
  }
}

/** One `purge-connection` job: the connection's scans stopped, then everything of it purged. */
export async function runPurgeJob(ctx: PurgeJobContext, job: JobWithMetadata<PurgeJobData>): Promise<void> {
  const { connectionId, by } = job.data;
  try {
    const profile = await ctx.db
      .selectFrom('connection_profiles')
      .select('state')
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    // Gone already (an earlier attempt finished), or restored: nothing to purge.
    if (profile?.state !== 'deleting') return;
    await requeueOrphanedScans(ctx.db, { holder: ctx.holder, now: ctx.now(), leaseTtlMs: ctx.leaseTtlMs });
    await cancelQueuedScans(ctx, connectionId, by);
    // Its running scan, here or in another process, stops at its next page.
    const runningScan = await activeScanOf(ctx.db, connectionId);
    if (runningScan?.status === 'running') {
      await ctx.cancel({ connectionId, scanId: runningScan.id, by }).catch(() => undefined);
    }
    const still = await activeScanOf(ctx.db, connectionId);
    if (still) {
      throw new Error(
        `scan ${still.id} of connection ${connectionId} still runs under ${still.holder ?? 'another process'}; the purge waits for it to stop`,
      );
    }
    await purgeConnection(ctx.db, connectionId);
    ctx.events.publish({ type: 'connection.deleted', connectionId, data: {}, at: ctx.now().toISOString() });
    ctx.logger?.info({ connectionId }, 'connection purged');
  } catch (error) {
    if (job.retryCount >= job.retryLimit) {
      await recordJobFailure(ctx.db, {
        kind: PURGE_QUEUE,
        connectionId,
        scanId: null,
        failedAt: ctx.now().toISOString(),
        lastError: error instanceof Error ? error.message : String(error),
        attempts: job.retryCount + 1,
      });
    }
    throw error;
  }
}
