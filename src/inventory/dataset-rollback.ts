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
  await assertBuilding(db, ref.connectionId, version);
  const { connectionId, dataset, scope } = ref;
  // Delete first: a reopened row must not collide with this version's row for the same key.
  await db
    .deleteFrom('inventory_items')
    .where('connection_id', '=', connectionId)
    .where('dataset', '=', dataset)
    .where('scope', '=', scope)
    .where('added_in', '=', version)
    .execute();
  await db
    .updateTable('inventory_items')
    .set({ removed_in: null })
    .where('connection_id', '=', connectionId)
    .where('dataset', '=', dataset)
    .where('scope', '=', scope)
    .where('removed_in', '=', version)
    .execute();
  await db
    .deleteFrom('inventory_page_keys')
    .where('connection_id', '=', connectionId)
    .where('version', '=', version)
    .where('dataset', '=', dataset)
    .where('scope', '=', scope)
    .execute();
  await db
    .deleteFrom('inventory_cursors')
    .where('connection_id', '=', connectionId)
    .where('version', '=', version)
    .where('dataset', '=', dataset)
    .where('scope', '=', scope)
    .execute();
}

/** Undoes every dataset of a building version (a run that publishes nothing). */
export async function rollbackVersion(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<void> {
  await assertBuilding(db, connectionId, version);
  await db
    .deleteFrom('inventory_items')
    .where('connection_id', '=', connectionId)
    .where('added_in', '=', version)
    .execute();
  await db
    .updateTable('inventory_items')
    .set({ removed_in: null })
    .where('connection_id', '=', connectionId)
    .where('removed_in', '=', version)
    .execute();
  await db
    .deleteFrom('inventory_page_keys')
    .where('connection_id', '=', connectionId)
    .where('version', '=', version)
    .execute();
  await db
    .deleteFrom('inventory_cursors')
    .where('connection_id', '=', connectionId)
    .where('version', '=', version)
    .execute();
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
