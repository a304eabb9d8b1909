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

/** The connection's own interval, else the platform's; undefined when the connection is gone. */
async function intervalOf(
  db: Kysely<Database>,
  connectionId: string,
  defaultIntervalMs: number,
): Promise<number | undefined> {
  const profile = await db
    .selectFrom('connection_profiles')
    .select('scan_interval_seconds')
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (!profile) return undefined;
  return profile.scan_interval_seconds !== null ? profile.scan_interval_seconds * 1000 : defaultIntervalMs;
}

/** After a scan ended: the connection's next scan one interval after its end. */
export async function scheduleAfterScan(
  db: Kysely<Database>,
  scan: { connection_id: string; finished_at: string | null },
  defaultIntervalMs: number,
): Promise<void> {
  if (!scan.finished_at) return;
  const interval = await intervalOf(db, scan.connection_id, defaultIntervalMs);
  if (interval === undefined) return;
  await scheduleNextScan(db, scan.connection_id, new Date(scan.finished_at), interval);
}

/**
 * A scan of the connection ended less than an interval ago: due by its date, but the process that
 * ran it (another one, maybe) has not set the next date yet.
 */
export async function scannedWithinInterval(
  db: Kysely<Database>,
  connectionId: string,
  now: Date,
  defaultIntervalMs: number,
): Promise<boolean> {
  const last = await db
    .selectFrom('scans')
    .select('finished_at')
    .where('connection_id', '=', connectionId)
    .where('finished_at', 'is not', null)
    .orderBy('finished_at', 'desc')
    .executeTakeFirst();
  if (!last?.finished_at) return false;
  const interval = await intervalOf(db, connectionId, defaultIntervalMs);
  return Date.parse(last.finished_at) + (interval ?? defaultIntervalMs) > now.getTime();
}
