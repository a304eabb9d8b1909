import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ScanError } from './scan-error.ts';

// One scan per connection at a time, enforced in the database so that it holds across processes
// and machines (two `palisade scan` on one --db, the server's workers): a scan takes its
// connection's lease before the sync and keeps it until its evaluation is stored. The lease
// expires unless renewed, so a scan that died (SIGKILL, a lost machine) blocks its successor only
// until then; the successor takes it over and its sync resumes the run the dead one left.
//
// Taking the lease is one statement on both databases: insert the row, or take over an expired
// one (`ON CONFLICT … DO UPDATE … WHERE expires_at <= now`); a row comes back only to the scan
// that now holds it. Renewals and the release name the holder, so a scan that stalled past its
// expiry can neither extend nor drop a lease its successor took over; it learns it lost it.

export interface ScanLease {
  connectionId: string;
  holder: string;
  acquiredAt: string;
  expiresAt: string;
}

/** How long a lease lasts without renewal: what a crashed scan costs its successor at most. */
export const SCAN_LEASE_TTL_MS = 60_000;
/** How often a running scan renews it (several renewals fit in a lease, so one slow tick is harmless). */
export const SCAN_LEASE_RENEW_MS = 15_000;

/** A holder id: where the scan runs, and a random part so two scans of one process differ. */
export function newHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Takes the connection's lease if it is free or expired; otherwise returns the lease in force. */
export async function acquireScanLease(
  db: Kysely<Database>,
  input: { connectionId: string; holder: string; now: Date; ttlMs: number },
): Promise<{ acquired: true; lease: ScanLease } | { acquired: false; heldBy: ScanLease | undefined }> {
  const at = input.now.toISOString();
  const expires = new Date(input.now.getTime() + input.ttlMs).toISOString();
  const row = await db
    .insertInto('scan_leases')
    .values({ connection_id: input.connectionId, holder: input.holder, acquired_at: at, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('connection_id')
        .doUpdateSet({ holder: input.holder, acquired_at: at, expires_at: expires })
        .where('scan_leases.expires_at', '<=', at),
    )
    .returning(['holder'])
    .executeTakeFirst();
  if (row?.holder === input.holder) {
    return {
      acquired: true,
      lease: { connectionId: input.connectionId, holder: input.holder, acquiredAt: at, expiresAt: expires },
    };
  }
  return { acquired: false, heldBy: await getScanLease(db, input.connectionId) };
}

/** Extends the holder's lease; false when it is no longer the holder's (taken over after expiry). */
export async function renewScanLease(
  db: Kysely<Database>,
  input: { connectionId: string; holder: string; now: Date; ttlMs: number },
): Promise<boolean> {
  const result = await db
    .updateTable('scan_leases')
    .set({ expires_at: new Date(input.now.getTime() + input.ttlMs).toISOString() })
    .where('connection_id', '=', input.connectionId)
    .where('holder', '=', input.holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives the lease up, if it is still the holder's. */
export async function releaseScanLease(
  db: Kysely<Database>,
  input: { connectionId: string; holder: string },
): Promise<void> {
  await db
    .deleteFrom('scan_leases')
    .where('connection_id', '=', input.connectionId)
    .where('holder', '=', input.holder)
    .execute();
}

export async function getScanLease(
  db: Kysely<Database>,
  connectionId: string,
): Promise<ScanLease | undefined> {
  const row = await db
    .selectFrom('scan_leases')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  return row
    ? {
        connectionId: row.connection_id,
        holder: row.holder,
        acquiredAt: row.acquired_at,
        expiresAt: row.expires_at,
      }
    : undefined;
}

export interface LeaseOptions {
  ttlMs?: number;
  renewEveryMs?: number;
  holder?: string;
}

/** A lease held by this scan, renewed in the background until released. */
export interface HeldLease {
  lease: ScanLease;
  /** Aborted when the lease was lost (another scan took it over): the scan must stop. */
  signal: AbortSignal;
  lost(): boolean;
  release(): Promise<void>;
}

/**
 * Takes the connection's lease and keeps renewing it, or throws `scan_in_progress` naming the
 * scan that holds it and when its lease runs out.
 */
export async function holdScanLease(
  db: Kysely<Database>,
  connectionId: string,
  now: () => Date,
  options: LeaseOptions = {},
): Promise<HeldLease> {
  const ttlMs = options.ttlMs ?? SCAN_LEASE_TTL_MS;
  const holder = options.holder ?? newHolder();
  const taken = await acquireScanLease(db, { connectionId, holder, now: now(), ttlMs });
  if (!taken.acquired) {
    const held = taken.heldBy;
    throw new ScanError(
      'scan_in_progress',
      connectionId,
      `another scan of ${connectionId} is running on this database${held ? ` (${held.holder}, since ${held.acquiredAt})` : ''}`,
      {
        fix: `wait for it to finish; if it stopped without finishing, its lease expires at ${held?.expiresAt ?? 'the end of its term'} and the next scan resumes its work`,
      },
    );
  }
  const controller = new AbortController();
  let expiresAt = Date.parse(taken.lease.expiresAt);
  let renewing: Promise<void> = Promise.resolve();
  const lose = () => {
    if (!controller.signal.aborted) {
      controller.abort(
        new ScanError(
          'scan_lease_lost',
          connectionId,
          `this scan of ${connectionId} stalled past its lease and another scan took it over`,
        ),
      );
    }
  };
  const timer = setInterval(() => {
    renewing = renewing.then(async () => {
      if (controller.signal.aborted) return;
      const at = now();
      try {
        if (await renewScanLease(db, { connectionId, holder, now: at, ttlMs })) {
          expiresAt = at.getTime() + ttlMs;
        } else lose();
      } catch {
        // A database hiccup: the next tick tries again, unless the lease has run out meanwhile.
        if (at.getTime() >= expiresAt) lose();
      }
    });
  }, options.renewEveryMs ?? SCAN_LEASE_RENEW_MS);
  timer.unref();
  return {
    lease: taken.lease,
    signal: controller.signal,
    lost: () => controller.signal.aborted,
    release: async () => {
      clearInterval(timer);
      await renewing;
      await releaseScanLease(db, { connectionId, holder });
    },
  };
}
