import type { Kysely } from 'kysely';
import type { BaseUrls } from '../atlassian/urls.ts';
import type { SecretBox } from '../connections/credentials/secret-box.ts';
import { scanRequestFor } from '../connections/managed/scan-request.ts';
import { markGrantExpired, refusedGrant } from '../connections/oauth/oauth-scan-connection.ts';
import type { Database } from '../db/schema.ts';
import type { ScansTable } from '../db/schema-server.ts';
import { describeError } from '../errors.ts';
import { runScan, type SyncOutcome } from '../scan/run-scan.ts';
import { databaseDown } from './database-down.ts';
import type { EventBus } from './events.ts';
import { progressReporter } from './progress-reporter.ts';
import { finishScan, getScanRow, recordOf, requeueScan, type ScanEnd } from './scan-store.ts';

// One scan that a runner has claimed (its row is `running` under the runner's holder), run to its
// end: the stored credentials opened, runScan called with an observer that keeps the row's progress
// and the event stream current, and the row ended as it ended. The in-process queue calls this
// today; a pg-boss worker will call it the same way with the scan id of its job.

/** A logger with pino's calling convention (the server passes its own). */
export interface JobLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface ScanJobDeps {
  db: Kysely<Database>;
  now: () => Date;
  secretBox: SecretBox;
  allowHosts: readonly string[];
  baseUrls: BaseUrls;
  /** The OAuth app, for OAuth connections' refreshes. */
  oauth?: { clientId: string; clientSecret: string } | undefined;
  events: EventBus;
  /** This runner: written on the row and used as the connection's lease holder. */
  holder: string;
  /** The connection lease's term (default 60 s): how long a dead runner's scan blocks its successor. */
  leaseTtlMs?: number | undefined;
  /** Progress is written and published at most once per this many milliseconds (default 500). */
  progressThrottleMs?: number | undefined;
  logger?: JobLogger | undefined;
  /**
   * Called by the process that ran the scan once its row is ended (notifications, wired in the
   * composition root so that jobs/ imports none of it); it must not throw.
   */
  afterScan?: ((scan: ScanAfter) => Promise<void>) | undefined;
}

/** How a scan ended, for whoever acts on it after the runner. */
export interface ScanAfter {
  scanId: string;
  connectionId: string;
  status: ClaimedScanEnd;
  reason: string | null;
  snapshotVersion: number | null;
  errorCode?: string | undefined;
}

/** Why a running scan was stopped from outside: a person cancelled it, or the process shuts down. */
export type ScanStop = { kind: 'cancel'; byName: string } | { kind: 'shutdown' };

/** How a claimed scan ended, for the runner: `deferred` (another process holds the lease) is queued again. */
export type ClaimedScanEnd = 'success' | 'error' | 'cancelled' | 'requeued' | 'deferred';

export async function runClaimedScan(
  deps: ScanJobDeps,
  row: ScansTable,
  signal: AbortSignal,
): Promise<ClaimedScanEnd> {
  const connectionId = row.connection_id;
  const profile = await deps.db
    .selectFrom('connection_profiles')
    .select('state')
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (profile?.state === 'deleting') {
    // Queued before the connection was deleted: its credentials and data are being purged.
    return end(deps, row, {
      status: 'cancelled',
      reason: 'cancelled: the connection is being deleted',
      at: deps.now().toISOString(),
    });
  }
  const progress = progressReporter(deps, row, deps.progressThrottleMs ?? 500);
  publishStatus(deps, row.id, connectionId, 'running', null);
  let outcome: SyncOutcome | undefined;
  try {
    const request = await scanRequestFor(deps, connectionId);
    const result = await runScan(
      {
        db: deps.db,
        now: deps.now,
        allowHosts: deps.allowHosts,
        baseUrls: deps.baseUrls,
        signal,
        lease: { holder: deps.holder, ...leaseTerms(deps.leaseTtlMs) },
        observer: {
          phase: (text) => progress.phase(text.startsWith('evaluating') ? 'evaluating' : 'connecting'),
          sync: (event) => progress.sync(event),
          synced: (synced) => {
            outcome = synced;
          },
        },
      },
      request,
    );
    await progress.close();
    return await end(deps, row, {
      status: 'success',
      reason: null,
      at: deps.now().toISOString(),
      snapshotVersion: result.snapshotVersion,
      syncRunId: result.sync.runId,
      api: result.sync.api,
    });
  } catch (error) {
    await progress.close();
    const stop = signal.aborted ? (signal.reason as ScanStop | undefined) : undefined;
    if (stop?.kind === 'shutdown') {
      // The sync checkpointed its last page: whoever starts next (this process restarted, or
      // another) resumes the run from there.
      await requeueScan(deps.db, { id: row.id, holder: deps.holder });
      publishStatus(deps, row.id, connectionId, 'queued', null);
      return 'requeued';
    }
    if (!stop && isCode(error, 'scan_in_progress')) {
      // Another process holds the connection's lease (a CLI scan on the same database, another
      // server): this scan waits its turn rather than failing.
      await requeueScan(deps.db, { id: row.id, holder: deps.holder });
      publishStatus(deps, row.id, connectionId, 'queued', null);
      deps.logger?.info(
        { scanId: row.id, connectionId },
        'scan deferred: the connection is being scanned elsewhere',
      );
      return 'deferred';
    }
    // The database went away: not the scan's failure. The runner retries; the sync resumes.
    if (!stop && databaseDown(error)) throw error;
    const syncRunId = outcome?.runId ?? progress.runId();
    const common = { at: deps.now().toISOString(), syncRunId, api: outcome?.api };
    if (stop?.kind === 'cancel') {
      return end(deps, row, { ...common, status: 'cancelled', reason: `cancelled by ${stop.byName}` });
    }
    // A refresh refused mid-sync is the same expired grant as one refused before it: the connection
    // shows Error "Grant expired" with Reconnect until someone consents again.
    if (refusedGrant(error)) await markGrantExpired(deps.db, connectionId, deps.now());
    const reason = describeError(error);
    deps.logger?.warn({ scanId: row.id, connectionId, reason }, 'scan failed');
    const code = (error as { code?: unknown } | null)?.code;
    return end(
      deps,
      row,
      { ...common, status: 'error', reason },
      typeof code === 'string' ? code : undefined,
    );
  }
}

async function end(
  deps: ScanJobDeps,
  row: ScansTable,
  scanEnd: ScanEnd,
  errorCode?: string,
): Promise<ClaimedScanEnd> {
  await finishScan(deps.db, row.id, 'running', scanEnd);
  const stored = await getScanRow(deps.db, row.id);
  const record = stored ? recordOf(stored) : undefined;
  const at = deps.now().toISOString();
  deps.events.publish({
    type: 'scan.finished',
    connectionId: row.connection_id,
    scanId: row.id,
    at,
    data: {
      status: record?.status ?? scanEnd.status,
      reason: record?.reason ?? scanEnd.reason,
      snapshotVersion: record?.snapshotVersion ?? null,
      durationSeconds: record?.durationSeconds ?? null,
      calls: record?.calls ?? 0,
      retries: record?.retries ?? 0,
      rateLimited: record?.rateLimited ?? 0,
    },
  });
  publishStatus(deps, row.id, row.connection_id, record?.status ?? scanEnd.status, record?.reason ?? null);
  await deps
    .afterScan?.({
      scanId: row.id,
      connectionId: row.connection_id,
      status: scanEnd.status,
      reason: record?.reason ?? scanEnd.reason,
      snapshotVersion: record?.snapshotVersion ?? null,
      errorCode,
    })
    // The scan is over whatever its hook does: a failing hook is logged, never the scan's failure.
    .catch((error: unknown) =>
      deps.logger?.warn({ scanId: row.id, reason: describeError(error) }, 'the after-scan hook failed'),
    );
  return scanEnd.status;
}

export function publishStatus(
  deps: Pick<ScanJobDeps, 'events' | 'now'>,
  scanId: string,
  connectionId: string,
  status: string,
  reason: string | null,
): void {
  deps.events.publish({
    type: 'connection.status',
    connectionId,
    scanId,
    at: deps.now().toISOString(),
    data: { scanStatus: status, ...(reason ? { reason } : {}) },
  });
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** A lease term, renewed four times per term (so one slow renewal is harmless). */
export function leaseTerms(ttlMs: number | undefined): { ttlMs?: number; renewEveryMs?: number } {
  return ttlMs === undefined ? {} : { ttlMs, renewEveryMs: Math.max(250, Math.floor(ttlMs / 4)) };
}
