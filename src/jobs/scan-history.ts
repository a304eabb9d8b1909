import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ScansTable } from '../db/schema-server.ts';
import { ScanRequestError } from './scan-request-error.ts';
import type { ScanRecord } from './scan-service.ts';
import { recordOf } from './scan-store.ts';
import { userNames } from './user-names.ts';

// A connection's scans as its health history (Palo Alto's "health status of application scans"):
// newest first, each with who asked, its start, end, duration, API calls, 429s waited and the
// outcome of every dataset of its sync run.

export interface DatasetHealth {
  dataset: string;
  /** 'org' or a site's cloud id. */
  scope: string;
  /** ok, partial, forbidden, failed; pending or running while the scan runs (or it was stopped). */
  status: string;
  items?: number | undefined;
  reason?: string | undefined;
}

export interface ScanHistoryEntry extends Omit<ScanRecord, 'requestedBy'> {
  requestedBy: { id: string; name: string } | null;
  datasets: DatasetHealth[];
}

export interface ScanHistoryPage {
  items: ScanHistoryEntry[];
  total: number;
  nextCursor: string | null;
}

export async function listScanHistory(
  db: Kysely<Database>,
  connectionId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<ScanHistoryPage> {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  let query = db.selectFrom('scans').selectAll().where('connection_id', '=', connectionId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('queued_at', '<', after.queuedAt),
        eb.and([eb('queued_at', '=', after.queuedAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('queued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const counted = await db
    .selectFrom('scans')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    items: await entriesOf(db, shown),
    total: Number(counted?.n ?? 0),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null,
  };
}

export async function getScanEntry(
  db: Kysely<Database>,
  connectionId: string,
  scanId: string,
): Promise<ScanHistoryEntry> {
  const row = await db
    .selectFrom('scans')
    .selectAll()
    .where('id', '=', scanId)
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (!row) throw new ScanRequestError('scan_not_found', `no scan ${scanId} of connection ${connectionId}`);
  const [entry] = await entriesOf(db, [row]);
  if (!entry) throw new ScanRequestError('scan_not_found', `no scan ${scanId} of connection ${connectionId}`);
  return entry;
}

/** Records with their requesters' names and their runs' dataset outcomes. */
export async function entriesOf(
  db: Kysely<Database>,
  rows: readonly ScansTable[],
): Promise<ScanHistoryEntry[]> {
  const names = await userNames(
    db,
    rows.flatMap((r) => (r.requested_by ? [r.requested_by] : [])),
  );
  const runIds = [...new Set(rows.flatMap((r) => (r.sync_run_id ? [r.sync_run_id] : [])))];
  const outcomes =
    runIds.length === 0
      ? []
      : await db
          .selectFrom('dataset_outcomes')
          .select(['run_id', 'dataset', 'scope', 'status', 'items', 'reason'])
          .where('run_id', 'in', runIds)
          .orderBy('dataset')
          .orderBy('scope')
          .execute();
  return rows.map((row) => {
    const { requestedBy, ...record } = recordOf(row);
    return {
      ...record,
      requestedBy: requestedBy ? { id: requestedBy, name: names.get(requestedBy) ?? requestedBy } : null,
      datasets: outcomes
        .filter((o) => o.run_id === row.sync_run_id)
        .map((o) => ({
          dataset: o.dataset,
          scope: o.scope,
          status: o.status,
          ...(o.status !== 'pending' ? { items: o.items } : {}),
          ...(o.reason ? { reason: o.reason } : {}),
        })),
    };
  });
}

function encodeCursor(row: ScansTable): string {
  return Buffer.from(JSON.stringify([row.queued_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { queuedAt: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { queuedAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw new ScanRequestError(
    'invalid_input',
    'cursor is not one this API returned; omit it to start from the newest scan',
  );
}
