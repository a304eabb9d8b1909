import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { SnapshotStateError } from './errors.ts';

export interface DatasetRef {
  connectionId: string;
  dataset: string;
  /** 'org' or a site cloud id. */
  scope: string;
}

/**
 * Undoes what a building version wrote for one dataset, so that version shows the dataset as the
 * previous snapshot had it (its outcome then says why). Run it inside the caller's transaction
 * together with the outcome update.
 */
export async function rollbackDataset(db: Kysely<Database>, ref: DatasetRef, version: number): Promise<void> {
  await rollback(db, ref.connectionId, version, { dataset: ref.dataset, scope: ref.scope });
}

/** Undoes every dataset of a building version (a run that publishes nothing). */
export async function rollbackVersion(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<void> {
  await rollback(db, connectionId, version, undefined);
}

async function rollback(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
  only: { dataset: string; scope: string } | undefined,
): Promise<void> {
  await assertBuilding(db, connectionId, version);
  // Delete first: a reopened row must not collide with this version's row for the same key.
  await db
    .deleteFrom('inventory_items')
    .where('connection_id', '=', connectionId)
    .where('added_in', '=', version)
    .$if(only !== undefined, (q) => q.where('dataset', '=', only!.dataset).where('scope', '=', only!.scope))
    .execute();
  await db
    .updateTable('inventory_items')
    .set({ removed_in: null })
    .where('connection_id', '=', connectionId)
    .where('removed_in', '=', version)
    .$if(only !== undefined, (q) => q.where('dataset', '=', only!.dataset).where('scope', '=', only!.scope))
    .execute();
  for (const table of ['inventory_page_keys', 'inventory_cursors'] as const) {
    await db
      .deleteFrom(table)
      .where('connection_id', '=', connectionId)
      .where('version', '=', version)
      .$if(only !== undefined, (q) => q.where('dataset', '=', only!.dataset).where('scope', '=', only!.scope))
      .execute();
  }
}

// Rolling back a published version would rewrite history readers already saw.
async function assertBuilding(db: Kysely<Database>, connectionId: string, version: number): Promise<void> {
  const row = await db
    .selectFrom('snapshots')
    .select('status')
    .where('connection_id', '=', connectionId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (row?.status !== 'building') {
    throw new SnapshotStateError(
      `snapshot ${version} of ${connectionId} is not being built; cannot roll it back`,
    );
  }
}
