import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

// The schedule: each active connection is rescanned one interval (its own, or the platform's
// PALISADE_SCAN_INTERVAL) after its last scan finished. `next_scan_at` holds when; a connection
// without one (just created) gets one interval from now, since its first scan starts at creation.

/** Active connections whose next scan is due at `now`; those without a date get one. */
export async function dueConnections(
  db: Kysely<Database>,
  now: Date,
  defaultIntervalMs: number,
): Promise<string[]> {
  const profiles = await db
    .selectFrom('connection_profiles')
    .select(['connection_id', 'next_scan_at', 'scan_interval_seconds'])
    .where('state', '=', 'active')
    .orderBy('next_scan_at')
    .orderBy('connection_id')
    .execute();
  const due: string[] = [];
  for (const profile of profiles) {
    if (profile.next_scan_at === null) {
      const interval =
        profile.scan_interval_seconds !== null ? profile.scan_interval_seconds * 1000 : defaultIntervalMs;
      await scheduleNextScan(db, profile.connection_id, now, interval);
    } else if (Date.parse(profile.next_scan_at) <= now.getTime()) {
      due.push(profile.connection_id);
    }
  }
  return due;
}

/** Sets the connection's next scan one interval after `from`. */
export async function scheduleNextScan(
  db: Kysely<Database>,
  connectionId: string,
  from: Date,
  intervalMs: number,
): Promise<void> {
  await db
    .updateTable('connection_profiles')
    .set({ next_scan_at: new Date(from.getTime() + intervalMs).toISOString() })
    .where('connection_id', '=', connectionId)
    .execute();
}
