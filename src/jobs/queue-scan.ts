import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ScansTable, ScanTrigger } from '../db/schema-server.ts';
import { ScanRequestError } from './scan-request-error.ts';
import { activeScanOf, insertQueuedScan } from './scan-store.ts';

// A person's or the schedule's request for a scan, the same whoever runs it (in-process or
// pg-boss): refused for an unknown or deleting connection, and while a scan of the connection is
// queued or running — checked first, and held across processes by the unique index of 0011 (a
// request that loses the race is told which scan won).

export async function queueScan(
  db: Kysely<Database>,
  input: { connectionId: string; trigger: ScanTrigger; by: string | null; at: string },
): Promise<ScansTable> {
  const profile = await db
    .selectFrom('connection_profiles')
    .select('state')
    .where('connection_id', '=', input.connectionId)
    .executeTakeFirst();
  if (profile?.state !== 'active') {
    throw new ScanRequestError(
      'connection_not_found',
      `no connection ${input.connectionId}${profile ? ' (it is being deleted)' : ''}`,
    );
  }
  const active = await activeScanOf(db, input.connectionId);
  if (active) throw scanInProgress(active.id, active.status, input.connectionId);
  try {
    return await insertQueuedScan(db, { id: randomUUID(), ...input });
  } catch (error) {
    const other = await activeScanOf(db, input.connectionId);
    if (other) throw scanInProgress(other.id, other.status, input.connectionId);
    throw error;
  }
}

export function scanInProgress(scanId: string, status: string, connectionId: string): ScanRequestError {
  return new ScanRequestError(
    'scan_in_progress',
    `scan ${scanId} of connection ${connectionId} is already ${status}`,
    {
      scanId,
      fix: `wait for it to finish, or cancel it (DELETE …/scans/${scanId})`,
    },
  );
}
