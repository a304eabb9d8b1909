import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getScanLease, SCAN_LEASE_TTL_MS } from '../scan/scan-lease.ts';
import { requeueScan, runningScans } from './scan-store.ts';

// Scans a dead process left `running` (SIGKILL, a lost machine): once the connection's lease has
// expired (or was never taken) nobody runs them, so they go back to the queue and the next runner
// resumes their sync run from its checkpoints. A scan whose lease is still in force belongs to a
// live process (or one that died less than a lease ago: the next tick looks again). A scan without
// a lease may be one that a live process has just claimed and is still connecting for (the lease is
// taken after discovery): it counts as alive for one lease term from its start.

export async function requeueOrphanedScans(
  db: Kysely<Database>,
  input: { holder: string; now: Date; leaseTtlMs?: number | undefined },
): Promise<string[]> {
  const requeued: string[] = [];
  for (const row of await runningScans(db)) {
    if (row.holder === input.holder) continue;
    const lease = await getScanLease(db, row.connection_id);
    const until = lease
      ? Date.parse(lease.expiresAt)
      : row.started_at
        ? Date.parse(row.started_at) + (input.leaseTtlMs ?? SCAN_LEASE_TTL_MS)
        : 0;
    const alive = until > input.now.getTime();
    if (alive) continue;
    if (await requeueScan(db, { id: row.id, holder: row.holder })) requeued.push(row.id);
  }
  return requeued;
}
