import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { saveConnection } from '../connections.ts';
import { type CompleteResult, DatasetWriter, type WriteItem } from '../dataset-writer.ts';
import { beginSnapshot, publishSnapshot } from '../snapshots.ts';

// Test helpers for the store: write whole datasets the way the sync engine does (one transaction
// per page, completion at the end) without a collector.

export const T0 = new Date('2025-01-01T00:00:00.000Z');

export async function seedConnection(db: Kysely<Database>, id = 'conn-1'): Promise<string> {
  await saveConnection(
    db,
    {
      id,
      name: 'Acme',
      orgId: 'org-1',
      sites: [{ cloudId: 'site-1', url: 'https://acme.atlassian.net', products: ['jira'] }],
    },
    T0,
  );
  return id;
}

export interface WriteDatasetInput {
  connectionId: string;
  version: number;
  dataset: string;
  scope?: string;
  kind?: 'snapshot' | 'append';
  pages: WriteItem[][];
  cursor?: string;
}

export async function writeDataset(db: Kysely<Database>, input: WriteDatasetInput): Promise<CompleteResult> {
  const writer = await DatasetWriter.open(db, {
    connectionId: input.connectionId,
    dataset: input.dataset,
    scope: input.scope ?? 'org',
    version: input.version,
    kind: input.kind ?? 'snapshot',
  });
  for (const [index, items] of input.pages.entries()) {
    const write = await db
      .transaction()
      .execute((trx) => writer.writePage(trx, { index, items, cursor: input.cursor }));
    writer.commit(write);
  }
  return db.transaction().execute((trx) => writer.complete(trx));
}

/** Begins a version, writes the datasets, publishes: one whole sync. */
export async function syncVersion(
  db: Kysely<Database>,
  connectionId: string,
  datasets: Omit<WriteDatasetInput, 'connectionId' | 'version'>[],
): Promise<number> {
  const version = await beginSnapshot(db, connectionId, T0);
  for (const d of datasets) await writeDataset(db, { ...d, connectionId, version });
  await publishSnapshot(db, connectionId, version, T0);
  return version;
}

export async function countItemRows(db: Kysely<Database>, connectionId: string): Promise<number> {
  const row = await db
    .selectFrom('inventory_items')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('connection_id', '=', connectionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function users(...names: string[]): WriteItem[] {
  return names.map((name) => ({ key: name, data: { name, active: true } }));
}
