import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ScanStop } from './run-claimed-scan.ts';
import { getScanRow } from './scan-store.ts';

// Cancelling a scan that another process runs (PostgreSQL fleet): the request is written on the
// scan's row (`reason` "cancelling: requested by <name>"), the runner reads its row every second
// and aborts at the next page, and the asking process waits a while for the end.

/** Written on a running scan's row by a process that cannot abort it itself, then the name. */
export const CANCEL_MARK = 'cancelling: requested by ';

/** Writes the request; false when the scan is no longer running. */
export async function askToCancel(db: Kysely<Database>, scanId: string, byName: string): Promise<boolean> {
  const asked = await db
    .updateTable('scans')
    .set({ reason: `${CANCEL_MARK}${byName}` })
    .where('id', '=', scanId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(asked.numUpdatedRows) > 0;
}

/** Polls the row until the scan is no longer running, or `waitMs` have passed. */
export async function waitForEnd(db: Kysely<Database>, scanId: string, waitMs = 20_000) {
  const until = Date.now() + waitMs;
  for (;;) {
    const row = await getScanRow(db, scanId);
    if (row?.status !== 'running' || Date.now() > until) return row;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Aborts the run when another process asked for its cancel on the row; returns the stopper. */
export function watchForCancel(
  db: Kysely<Database>,
  scanId: string,
  controller: AbortController,
): () => void {
  const timer = setInterval(() => {
    getScanRow(db, scanId)
      .then((row) => {
        if (row?.status === 'running' && row.reason?.startsWith(CANCEL_MARK) && !controller.signal.aborted) {
          const stop: ScanStop = { kind: 'cancel', byName: row.reason.slice(CANCEL_MARK.length) };
          controller.abort(stop);
        }
      })
      // The database away for a moment: the next second asks again.
      .catch(() => undefined);
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
