import type { Kysely } from 'kysely';
import type { Database, SyncRunStatus, SyncRunsTable } from '../db/schema.ts';

// Sync runs: one per sync of a connection, with its status, progress and the snapshot version it
// builds. At most one is pending or in progress per connection (a unique index enforces it).

export interface SyncRunRecord {
  id: string;
  connectionId: string;
  status: SyncRunStatus;
  reason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  datasetsTotal: number;
  datasetsDone: number;
  itemsRead: number;
  snapshotVersion: number | null;
}

export async function createRun(
  db: Kysely<Database>,
  input: { id: string; connectionId: string },
  now: Date,
): Promise<SyncRunRecord> {
  const row: SyncRunsTable = {
    id: input.id,
    connection_id: input.connectionId,
    status: 'pending',
    reason: null,
    created_at: now.toISOString(),
    started_at: null,
    finished_at: null,
    datasets_total: 0,
    datasets_done: 0,
    items_read: 0,
    snapshot_version: null,
  };
  await db.insertInto('sync_runs').values(row).execute();
  return toRecord(row);
}

export async function getRun(db: Kysely<Database>, id: string): Promise<SyncRunRecord | undefined> {
  const row = await db.selectFrom('sync_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The run a new sync must take over: pending (queued) or in progress (interrupted). */
export async function findUnfinishedRun(
  db: Kysely<Database>,
  connectionId: string,
): Promise<SyncRunRecord | undefined> {
  const row = await db
    .selectFrom('sync_runs')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('status', 'in', ['pending', 'in_progress'])
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listRuns(
  db: Kysely<Database>,
  connectionId: string,
  limit = 20,
): Promise<SyncRunRecord[]> {
  const rows = await db
    .selectFrom('sync_runs')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

export async function startRun(
  db: Kysely<Database>,
  id: string,
  input: { snapshotVersion: number; datasetsTotal: number },
  now: Date,
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set((eb) => ({
      status: 'in_progress',
      snapshot_version: input.snapshotVersion,
      datasets_total: input.datasetsTotal,
      // A resumed run keeps the time it first started.
      started_at: eb.fn.coalesce('started_at', eb.val(now.toISOString())),
    }))
    .where('id', '=', id)
    .execute();
}

/** Adds to the progress counters (atomic increments: datasets write concurrently). */
export async function addRunProgress(
  db: Kysely<Database>,
  id: string,
  delta: { itemsRead?: number; datasetsDone?: number },
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set((eb) => ({
      items_read: eb('items_read', '+', delta.itemsRead ?? 0),
      datasets_done: eb('datasets_done', '+', delta.datasetsDone ?? 0),
    }))
    .where('id', '=', id)
    .execute();
}

export async function setRunProgress(
  db: Kysely<Database>,
  id: string,
  progress: { datasetsDone: number; datasetsTotal: number },
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({ datasets_done: progress.datasetsDone, datasets_total: progress.datasetsTotal })
    .where('id', '=', id)
    .execute();
}

export async function finishRun(
  db: Kysely<Database>,
  id: string,
  input: { status: 'success' | 'error'; reason: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('sync_runs')
    .set({ status: input.status, reason: input.reason, finished_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

function toRecord(row: SyncRunsTable): SyncRunRecord {
  return {
    id: row.id,
    connectionId: row.connection_id,
    status: row.status,
    reason: row.reason,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    datasetsTotal: row.datasets_total,
    datasetsDone: row.datasets_done,
    itemsRead: row.items_read,
    snapshotVersion: row.snapshot_version,
  };
}
