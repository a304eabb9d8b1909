import type { Kysely } from 'kysely';
import { fromJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import { SnapshotNotFoundError } from './errors.ts';
import { getSnapshot, latestSnapshot } from './snapshots.ts';
import { visibleAt } from './visibility.ts';

export interface InventoryItem<T = unknown> {
  scope: string;
  key: string;
  data: T;
}

export interface ReadOptions {
  /** 'org' or a site cloud id; all scopes when absent. */
  scope?: string;
  /** A complete snapshot version; the latest complete one when absent. */
  version?: number;
}

/**
 * A dataset as a complete snapshot has it. Empty when the connection has no complete snapshot
 * yet; a version that is not complete (still building, discarded) is an error, never a partial view.
 */
export async function readDataset<T = unknown>(
  db: Kysely<Database>,
  connectionId: string,
  dataset: string,
  options: ReadOptions = {},
): Promise<InventoryItem<T>[]> {
  let version = options.version;
  if (version === undefined) {
    const latest = await latestSnapshot(db, connectionId);
    if (!latest) return [];
    version = latest.version;
  } else {
    const snapshot = await getSnapshot(db, connectionId, version);
    if (snapshot?.status !== 'complete') throw new SnapshotNotFoundError(connectionId, version);
  }
  return readAtVersion<T>(db, { connectionId, dataset, scope: options.scope }, version);
}

/**
 * The dataset as version `version` has it, complete or not. The sync uses it to read what the
 * run being built has staged (which falls back to the previous data for datasets not rewritten).
 */
export async function readAtVersion<T = unknown>(
  db: Kysely<Database>,
  ref: { connectionId: string; dataset: string; scope?: string | undefined },
  version: number,
): Promise<InventoryItem<T>[]> {
  let query = db
    .selectFrom('inventory_items')
    .select(['scope', 'key', 'data'])
    .where('connection_id', '=', ref.connectionId)
    .where('dataset', '=', ref.dataset)
    .where(visibleAt(version));
  if (ref.scope !== undefined) query = query.where('scope', '=', ref.scope);
  const rows = await query.orderBy('scope').orderBy('key').execute();
  return rows.map((row) => ({ scope: row.scope, key: row.key, data: fromJsonColumn<T>(row.data) }));
}

export interface DatasetSummary {
  dataset: string;
  scope: string;
  items: number;
}

/** Which datasets a version holds and how many items each. */
export async function listDatasets(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<DatasetSummary[]> {
  const rows = await db
    .selectFrom('inventory_items')
    .select((eb) => ['dataset', 'scope', eb.fn.countAll<number | string>().as('items')])
    .where('connection_id', '=', connectionId)
    .where(visibleAt(version))
    .groupBy(['dataset', 'scope'])
    .orderBy('dataset')
    .orderBy('scope')
    .execute();
  return rows.map((r) => ({ dataset: r.dataset, scope: r.scope, items: Number(r.items) }));
}

export interface DiffCount {
  dataset: string;
  scope: string;
  added: number;
  changed: number;
  removed: number;
}

/** Per dataset and scope: keys added, changed and removed between two versions (`from` < `to`). */
export async function diffCounts(
  db: Kysely<Database>,
  connectionId: string,
  from: number,
  to: number,
): Promise<DiffCount[]> {
  // Rows current at `to` but not at `from`: a changed item when its key had a row at `from`.
  const appeared = await db
    .selectFrom('inventory_items as i')
    .select((eb) => [
      'i.dataset',
      'i.scope',
      eb
        .exists(
          eb
            .selectFrom('inventory_items as p')
            .select('p.key')
            .whereRef('p.connection_id', '=', 'i.connection_id')
            .whereRef('p.dataset', '=', 'i.dataset')
            .whereRef('p.scope', '=', 'i.scope')
            .whereRef('p.key', '=', 'i.key')
            .where('p.added_in', '<=', from)
            .where((w) => w.or([w('p.removed_in', 'is', null), w('p.removed_in', '>', from)])),
        )
        .as('existed'),
    ])
    .where('i.connection_id', '=', connectionId)
    .where('i.added_in', '>', from)
    .where('i.added_in', '<=', to)
    .where((w) => w.or([w('i.removed_in', 'is', null), w('i.removed_in', '>', to)]))
    .execute();
  // Rows current at `from` and not at `to`, whose key has no row at `to`: removed items.
  const removed = await db
    .selectFrom('inventory_items as i')
    .select(['i.dataset', 'i.scope'])
    .where('i.connection_id', '=', connectionId)
    .where('i.added_in', '<=', from)
    .where('i.removed_in', '>', from)
    .where('i.removed_in', '<=', to)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('inventory_items as n')
            .select('n.key')
            .whereRef('n.connection_id', '=', 'i.connection_id')
            .whereRef('n.dataset', '=', 'i.dataset')
            .whereRef('n.scope', '=', 'i.scope')
            .whereRef('n.key', '=', 'i.key')
            .where('n.added_in', '<=', to)
            .where((w) => w.or([w('n.removed_in', 'is', null), w('n.removed_in', '>', to)])),
        ),
      ),
    )
    .execute();

  const counts = new Map<string, DiffCount>();
  const entry = (dataset: string, scope: string): DiffCount => {
    const id = `${dataset}\u0000${scope}`;
    let c = counts.get(id);
    if (!c) {
      c = { dataset, scope, added: 0, changed: 0, removed: 0 };
      counts.set(id, c);
    }
    return c;
  };
  // SQLite returns EXISTS as 0/1, PostgreSQL as a boolean.
  for (const row of appeared) {
    if (row.existed === true || Number(row.existed) === 1) entry(row.dataset, row.scope).changed++;
    else entry(row.dataset, row.scope).added++;
  }
  for (const row of removed) entry(row.dataset, row.scope).removed++;
  return [...counts.values()].sort(
    (a, b) => a.dataset.localeCompare(b.dataset) || a.scope.localeCompare(b.scope),
  );
}
