import type { Kysely } from 'kysely';
import type { Database, SnapshotStatus, SnapshotsTable } from '../db/schema.ts';
import { rollbackVersion } from './dataset-rollback.ts';
import { SnapshotStateError } from './errors.ts';

export interface SnapshotRecord {
  connectionId: string;
  version: number;
  status: SnapshotStatus;
  createdAt: string;
  completedAt: string | null;
}

/** The last complete snapshot: what every reader sees by default. */
export async function latestSnapshot(
  db: Kysely<Database>,
  connectionId: string,
): Promise<SnapshotRecord | undefined> {
  const row = await db
    .selectFrom('snapshots')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'complete')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function getSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<SnapshotRecord | undefined> {
  const row = await db
    .selectFrom('snapshots')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function buildingSnapshot(
  db: Kysely<Database>,
  connectionId: string,
): Promise<SnapshotRecord | undefined> {
  const row = await db
    .selectFrom('snapshots')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'building')
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/**
 * Opens the next version for writing. Fails (unique index) if one is already being built: a
 * version must be published or discarded before the next begins, which the visibility rule needs.
 */
export async function beginSnapshot(db: Kysely<Database>, connectionId: string, now: Date): Promise<number> {
  const last = await db
    .selectFrom('snapshots')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  const version = Number(last?.max ?? 0) + 1;
  await db
    .insertInto('snapshots')
    .values({
      connection_id: connectionId,
      version,
      status: 'building',
      created_at: now.toISOString(),
      completed_at: null,
    })
    .execute();
  return version;
}

/** Makes a building version the one readers see: a single UPDATE, hence atomic. */
export async function publishSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
  now: Date,
): Promise<void> {
  const result = await db
    .updateTable('snapshots')
    .set({ status: 'complete', completed_at: now.toISOString() })
    .where('connection_id', '=', connectionId)
    .where('version', '=', version)
    .where('status', '=', 'building')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new SnapshotStateError(
      `snapshot ${version} of ${connectionId} is not being built; cannot publish it`,
    );
  }
}

/** Abandons a building version: every row it added is deleted, every row it closed reopened. */
export async function discardSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<void> {
  const discard = async (trx: Kysely<Database>) => {
    await rollbackVersion(trx, connectionId, version);
    await trx
      .updateTable('snapshots')
      .set({ status: 'discarded' })
      .where('connection_id', '=', connectionId)
      .where('version', '=', version)
      .execute();
  };
  // Joins the caller's transaction when given one (so the run's status changes with it).
  if (db.isTransaction) await discard(db);
  else await db.transaction().execute(discard);
}

function toRecord(row: SnapshotsTable): SnapshotRecord {
  return {
    connectionId: row.connection_id,
    version: row.version,
    status: row.status,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}
