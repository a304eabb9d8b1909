import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { type Connection, saveConnection } from '../../../inventory/connections.ts';
import {
  ensureOutcomes,
  type FinalOutcomeStatus,
  finishOutcome,
} from '../../../inventory/dataset-outcomes.ts';
import { beginSnapshot, publishSnapshot } from '../../../inventory/snapshots.ts';
import { createRun, finishRun, startRun } from '../../../inventory/sync-runs.ts';
import { writeDataset } from '../../../inventory/testing/store-helpers.ts';

// Test helper: stores a snapshot the way a sync leaves it (items, a successful run that published
// the version, one outcome per dataset and scope) without a collector or a simulator.

export const STORE_NOW = new Date('2025-06-01T12:00:00.000Z');

export interface StoredDataset {
  dataset: string;
  /** `org` (default) or a site cloud id. */
  scope?: string;
  /** Default `ok`. A `failed` dataset's items are not written (the sync rolls them back). */
  status?: FinalOutcomeStatus;
  reason?: string;
  missingScope?: string;
  /** Records; the key is `key(record)` or the record's `id`/`accountId`, or its index. */
  items?: readonly unknown[];
  key?: (record: unknown, index: number) => string;
}

export const ACME: Connection = {
  id: 'conn-acme',
  name: 'Acme connection',
  orgId: 'org-1',
  sites: [
    { cloudId: 'cloud-acme', url: 'https://acme.atlassian.net', products: ['jira', 'confluence'] },
    { cloudId: 'cloud-labs', url: 'https://acme-labs.atlassian.net', products: ['jira'] },
  ],
};

export async function saveTestConnection(
  db: Kysely<Database>,
  connection: Connection = ACME,
): Promise<string> {
  await saveConnection(db, connection, STORE_NOW);
  return connection.id;
}

function defaultKey(record: unknown, index: number): string {
  const r = (record ?? {}) as { id?: unknown; accountId?: unknown };
  if (typeof r.id === 'string' || typeof r.id === 'number') return String(r.id);
  if (typeof r.accountId === 'string') return r.accountId;
  return String(index);
}

let runs = 0;

/** One published snapshot version with the given datasets and their outcomes; returns the version. */
export async function storeSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  datasets: readonly StoredDataset[],
  now: Date = STORE_NOW,
): Promise<number> {
  runs += 1;
  const runId = `run-${connectionId}-${runs}-${Math.random().toString(36).slice(2)}`;
  await createRun(db, { id: runId, connectionId }, now);
  const version = await beginSnapshot(db, connectionId, now);
  await startRun(db, runId, { snapshotVersion: version, datasetsTotal: datasets.length }, now);
  await ensureOutcomes(
    db,
    runId,
    datasets.map((d) => ({ dataset: d.dataset, scope: d.scope ?? 'org' })),
  );
  for (const d of datasets) {
    const scope = d.scope ?? 'org';
    const status = d.status ?? 'ok';
    if (status !== 'failed' && status !== 'forbidden') {
      const key = d.key ?? defaultKey;
      const items = (d.items ?? []).map((data, i) => ({ key: key(data, i), data }));
      await writeDataset(db, { connectionId, version, dataset: d.dataset, scope, pages: [items] });
    }
    await finishOutcome(
      db,
      { runId, dataset: d.dataset, scope },
      { status, reason: d.reason ?? null, missingScope: d.missingScope ?? null },
      now,
    );
  }
  await publishSnapshot(db, connectionId, version, now);
  await finishRun(db, runId, { status: 'success', reason: null }, now);
  return version;
}
