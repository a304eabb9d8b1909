import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DatasetRef } from './dataset-rollback.ts';

/**
 * Where an append dataset (audit log) starts: the cursor of the latest complete version before
 * `beforeVersion`. Cursors of unpublished or failed runs do not count, so nothing is skipped.
 */
export async function previousCursor(
  db: Kysely<Database>,
  ref: DatasetRef,
  beforeVersion: number,
): Promise<string | null> {
  const row = await db
    .selectFrom('inventory_cursors as c')
    .innerJoin('snapshots as s', (join) =>
      join.onRef('s.connection_id', '=', 'c.connection_id').onRef('s.version', '=', 'c.version'),
    )
    .select('c.cursor')
    .where('c.connection_id', '=', ref.connectionId)
    .where('c.dataset', '=', ref.dataset)
    .where('c.scope', '=', ref.scope)
    .where('c.version', '<', beforeVersion)
    .where('s.status', '=', 'complete')
    .orderBy('c.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.cursor ?? null;
}
