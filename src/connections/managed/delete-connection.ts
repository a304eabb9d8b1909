import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { activeProfile } from './connection-profile.ts';

/**
 * The synchronous part of deleting a connection: the profile is marked `deleting` (it leaves the
 * list and refuses every change) and its credentials are deleted at once, so nothing can read the
 * organization any more; the data is purged afterwards (purge-connection.ts).
 */
export async function markDeleting(db: Kysely<Database>, connectionId: string, now: Date): Promise<void> {
  await activeProfile(db, connectionId);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('connection_profiles')
      .set({ state: 'deleting', updated_at: now.toISOString() })
      .where('connection_id', '=', connectionId)
      .execute();
    await tx.deleteFrom('connection_credentials').where('connection_id', '=', connectionId).execute();
  });
}

/** The per-connection schedule: at least 15 minutes; null returns to the platform's interval. */
export const MIN_SCAN_INTERVAL_SECONDS = 15 * 60;

export async function setScanInterval(
  db: Kysely<Database>,
  connectionId: string,
  seconds: number | null,
  now: Date,
): Promise<void> {
  await activeProfile(db, connectionId);
  await db
    .updateTable('connection_profiles')
    .set({ scan_interval_seconds: seconds, updated_at: now.toISOString() })
    .where('connection_id', '=', connectionId)
    .execute();
}
