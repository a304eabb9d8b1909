import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import type { ScanStatus, ScansTable, ScanTrigger } from '../db/schema-server.ts';
import type { ScanProgress, ScanRecord } from './scan-service.ts';

// The `scans` table: one row per requested scan, from queued to its end. Every state change is a
// conditional update on the status it leaves (`… where status = 'queued'`), so two processes (or a
// cancel racing the runner) cannot both move one scan; the loser sees no row updated.

export const ACTIVE_STATUSES: readonly ScanStatus[] = ['queued', 'running'];

export function recordOf(row: ScansTable): ScanRecord {
  const started = row.started_at ? Date.parse(row.started_at) : null;
  const finished = row.finished_at ? Date.parse(row.finished_at) : null;
  return {
    id: row.id,
    connectionId: row.connection_id,
    trigger: row.trigger,
    requestedBy: row.requested_by,
    status: row.status,
    reason: row.reason,
    progress: row.progress ? fromJsonColumn<ScanProgress>(row.progress) : null,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationSeconds: started !== null && finished !== null ? Math.max(0, (finished - started) / 1000) : null,
    snapshotVersion: row.snapshot_version,
    calls: row.calls,
    retries: row.retries,
    rateLimited: row.rate_limited,
    syncRunId: row.sync_run_id,
  };
}

export async function getScanRow(db: Kysely<Database>, id: string): Promise<ScansTable | undefined> {
  return db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The connection's queued or running scan, the oldest first. */
export async function activeScanOf(
  db: Kysely<Database>,
  connectionId: string,
): Promise<ScansTable | undefined> {
  return db
    .selectFrom('scans')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('status', 'in', ACTIVE_STATUSES)
    .orderBy('queued_at')
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertQueuedScan(
  db: Kysely<Database>,
  input: { id: string; connectionId: string; trigger: ScanTrigger; by: string | null; at: string },
): Promise<ScansTable> {
  const row: ScansTable = {
    id: input.id,
    connection_id: input.connectionId,
    trigger: input.trigger,
    requested_by: input.by,
    status: 'queued',
    reason: null,
    progress: null,
    queued_at: input.at,
    started_at: null,
    finished_at: null,
    sync_run_id: null,
    snapshot_version: null,
    calls: 0,
    retries: 0,
    rate_limited: 0,
    holder: null,
  };
  await db.insertInto('scans').values(row).execute();
  return row;
}

/** Queued scans, oldest first: what a runner may take. */
export async function queuedScans(db: Kysely<Database>): Promise<ScansTable[]> {
  return db
    .selectFrom('scans')
    .selectAll()
    .where('status', '=', 'queued')
    .orderBy('queued_at')
    .orderBy('id')
    .execute();
}

export async function runningScans(db: Kysely<Database>): Promise<ScansTable[]> {
  return db.selectFrom('scans').selectAll().where('status', '=', 'running').execute();
}

/** Takes a queued scan for this holder; undefined when another runner or a cancel got there first. */
export async function claimScan(
  db: Kysely<Database>,
  input: { id: string; holder: string; at: string },
): Promise<ScansTable | undefined> {
  const result = await db
    .updateTable('scans')
    .set({ status: 'running', holder: input.holder, started_at: input.at, reason: null })
    .where('id', '=', input.id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return getScanRow(db, input.id);
}

/** Puts a running scan back in the queue (shutdown, the lease held elsewhere, its holder died). */
export async function requeueScan(
  db: Kysely<Database>,
  input: { id: string; holder: string | null },
): Promise<boolean> {
  let update = db
    .updateTable('scans')
    .set({ status: 'queued', holder: null, started_at: null })
    .where('id', '=', input.id)
    .where('status', '=', 'running');
  update =
    input.holder === null ? update.where('holder', 'is', null) : update.where('holder', '=', input.holder);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function writeProgress(
  db: Kysely<Database>,
  input: { id: string; progress: ScanProgress; syncRunId: string | null },
): Promise<void> {
  await db
    .updateTable('scans')
    .set({
      progress: toJsonColumn(input.progress),
      ...(input.syncRunId ? { sync_run_id: input.syncRunId } : {}),
    })
    .where('id', '=', input.id)
    .where('status', '=', 'running')
    .execute();
}

export interface ScanEnd {
  status: Extract<ScanStatus, 'success' | 'error' | 'cancelled'>;
  reason: string | null;
  at: string;
  snapshotVersion?: number | null | undefined;
  syncRunId?: string | null | undefined;
  api?: { calls: number; retries: number; rateLimited: number } | undefined;
}

/** Ends a scan that is in `from` (running, or queued for a cancel before it started). */
export async function finishScan(
  db: Kysely<Database>,
  id: string,
  from: ScanStatus,
  end: ScanEnd,
): Promise<boolean> {
  const result = await db
    .updateTable('scans')
    .set({
      status: end.status,
      reason: end.reason,
      finished_at: end.at,
      ...(end.snapshotVersion !== undefined ? { snapshot_version: end.snapshotVersion } : {}),
      ...(end.syncRunId ? { sync_run_id: end.syncRunId } : {}),
      ...(end.api
        ? { calls: end.api.calls, retries: end.api.retries, rate_limited: end.api.rateLimited }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
