import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getScanLease } from '../scan/scan-lease.ts';
import { requeueScan, runningScans } from './scan-store.ts';

// Scans a dead process left `running` (SIGKILL, a lost machine): once the connection's lease has
// expired (or was never taken) nobody runs them, so they go back to the queue and the next runner
// resumes their sync run from its checkpoints. A scan whose lease is still in force belongs to a
// live process (or one that died less than a lease ago: the next start or tick looks again).

export async function requeueOrphanedScans(
  db: Kysely<Database>,
  input: { holder: string; now: Date },
): Promise<string[]> {
  const requeued: string[] = [];
  for (const row of await runningScans(db)) {
    if (row.holder === input.holder) continue;
    const lease = await getScanLease(db, row.connection_id);
    const alive = lease !== undefined && Date.parse(lease.expiresAt) > input.now.getTime();
    if (alive) continue;
    if (await requeueScan(db, { id: row.id, holder: row.holder })) requeued.push(row.id);
  }
  return requeued;
}
