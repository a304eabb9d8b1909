import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { datasets } from '../../src/inventory/datasets/index.ts';
import { readDataset } from '../../src/inventory/read-dataset.ts';

// The stored inventory as plain data, for comparing a sync's result with a clean sync's or with
// the tenant: every dataset of a complete snapshot, by `dataset@scope`, then by item key.

/** `dataset@scope` → item key → record. */
export type InventoryView = Map<string, Map<string, Record<string, unknown>>>;

export const viewId = (dataset: string, scope: string): string => `${dataset}@${scope}`;

/**
 * Every dataset of a complete snapshot (the latest by default). A key seen twice in one dataset
 * and scope is a duplicate row — the one thing a view cannot hold — so it throws.
 */
export async function readInventory(
  db: Kysely<Database>,
  connectionId: string,
  version?: number,
): Promise<InventoryView> {
  const view: InventoryView = new Map();
  for (const d of datasets) {
    const items = await readDataset<Record<string, unknown>>(
      db,
      connectionId,
      d.name,
      version === undefined ? {} : { version },
    );
    for (const item of items) {
      const id = viewId(d.name, item.scope);
      let byKey = view.get(id);
      if (!byKey) {
        byKey = new Map();
        view.set(id, byKey);
      }
      if (byKey.has(item.key)) throw new Error(`duplicate row: ${id} key ${item.key}`);
      byKey.set(item.key, item.data);
    }
  }
  return view;
}

export function records<T = Record<string, unknown>>(
  view: InventoryView,
  dataset: string,
  scope: string,
): T[] {
  return [...(view.get(viewId(dataset, scope))?.values() ?? [])] as T[];
}

/**
 * Drops what legitimately differs between two syncs of an unchanged tenant: when the Marketplace
 * was read (`apps.marketplace.readAt`), and the last-access time of the API tokens the sync itself
 * authenticates with (Atlassian stamps a token each time it is used, so reading it moves it).
 */
export function withoutVolatile(view: InventoryView, ownTokenIds: readonly string[]): InventoryView {
  const out: InventoryView = new Map();
  for (const [id, byKey] of view) {
    const copy = new Map<string, Record<string, unknown>>();
    for (const [key, data] of byKey) copy.set(key, stripVolatile(id, data, ownTokenIds));
    out.set(id, copy);
  }
  return out;
}

function stripVolatile(id: string, data: Record<string, unknown>, ownTokenIds: readonly string[]) {
  if (id.startsWith('apps.marketplace@')) {
    const { readAt: _readAt, ...rest } = data;
    return rest;
  }
  if (id.startsWith('org.api-tokens@') && Array.isArray(data.tokens)) {
    const tokens = (data.tokens as Record<string, unknown>[]).map((t) =>
      ownTokenIds.includes(String(t.id)) ? { ...t, lastAccess: '(moved by the sync itself)' } : t,
    );
    return { ...data, tokens };
  }
  return data;
}

/** Human-readable differences between two views (empty when equal), at most `limit` lines. */
export function inventoryDifferences(actual: InventoryView, expected: InventoryView, limit = 20): string[] {
  const out: string[] = [];
  for (const id of new Set([...actual.keys(), ...expected.keys()])) {
    const a = actual.get(id) ?? new Map();
    const e = expected.get(id) ?? new Map();
    const missing = [...e.keys()].filter((k) => !a.has(k));
    const extra = [...a.keys()].filter((k) => !e.has(k));
    const changed = [...e.keys()].filter((k) => a.has(k) && !isDeepStrictEqual(a.get(k), e.get(k)));
    if (missing.length > 0) out.push(`${id}: ${missing.length} lost (${missing.slice(0, 3).join(', ')})`);
    if (extra.length > 0) out.push(`${id}: ${extra.length} extra (${extra.slice(0, 3).join(', ')})`);
    for (const k of changed.slice(0, 3))
      out.push(`${id} ${k}: ${JSON.stringify(a.get(k))} ≠ expected ${JSON.stringify(e.get(k))}`);
  }
  return out.slice(0, limit);
}

export interface RowChange {
  dataset: string;
  scope: string;
  key: string;
  /** `added`: a row this version wrote; `closed`: a row this version ended. */
  change: 'added' | 'closed';
}

/** The inventory rows one snapshot version wrote or closed: what a sync rewrote. */
export async function rowsWrittenBy(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<RowChange[]> {
  const rows = await db
    .selectFrom('inventory_items')
    .select(['dataset', 'scope', 'key', 'added_in', 'removed_in'])
    .where('connection_id', '=', connectionId)
    .where((eb) => eb.or([eb('added_in', '=', version), eb('removed_in', '=', version)]))
    .orderBy('dataset')
    .orderBy('scope')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({
    dataset: r.dataset,
    scope: r.scope,
    key: r.key,
    change: Number(r.added_in) === version ? 'added' : 'closed',
  }));
}

/** Rows in `inventory_items`, all versions. */
export async function countRows(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('inventory_items')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Keys with more than one open row (removed_in null): the store's duplicate check. */
export async function duplicateOpenRows(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('inventory_items')
    .select((eb) => ['dataset', 'scope', 'key', eb.fn.countAll<number | string>().as('n')])
    .where('removed_in', 'is', null)
    .groupBy(['connection_id', 'dataset', 'scope', 'key'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  return rows.map((r) => `${r.dataset}@${r.scope} ${r.key} ×${r.n}`);
}

/** Snapshot versions and their statuses, in order. */
export async function snapshotStatuses(db: Kysely<Database>, connectionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('snapshots')
    .select(['version', 'status'])
    .where('connection_id', '=', connectionId)
    .orderBy('version')
    .execute();
  return rows.map((r) => `${r.version}:${r.status}`);
}
