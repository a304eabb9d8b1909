import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database, DatasetOutcomeStatus, DatasetOutcomesTable } from '../db/schema.ts';

// Per-dataset outcomes of a run: how it ended (so a rule can say "unknown because …") and, while
// it runs, its checkpoint, which is written in the same transaction as the page it follows.

export type FinalOutcomeStatus = 'ok' | 'partial' | 'forbidden' | 'failed';

export interface DatasetOutcomeRecord {
  runId: string;
  dataset: string;
  scope: string;
  status: DatasetOutcomeStatus;
  reason: string | null;
  missingScope: string | null;
  items: number;
  pages: number;
  checkpoint: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** What was read but differed from the documentation (a new enum value, say); never a failure. */
  warnings: string[];
}

export function isFinal(status: DatasetOutcomeStatus): status is FinalOutcomeStatus {
  return status !== 'pending' && status !== 'running';
}

/** Registers the datasets of a run as pending; rows that already exist (a resume) are kept. */
export async function ensureOutcomes(
  db: Kysely<Database>,
  runId: string,
  datasets: readonly { dataset: string; scope: string }[],
): Promise<void> {
  for (let i = 0; i < datasets.length; i += 200) {
    const rows: DatasetOutcomesTable[] = datasets.slice(i, i + 200).map((d) => ({
      run_id: runId,
      dataset: d.dataset,
      scope: d.scope,
      status: 'pending',
      reason: null,
      missing_scope: null,
      items: 0,
      pages: 0,
      checkpoint: null,
      started_at: null,
      finished_at: null,
      warnings: null,
    }));
    if (rows.length > 0) {
      await db
        .insertInto('dataset_outcomes')
        .values(rows)
        .onConflict((oc) => oc.columns(['run_id', 'dataset', 'scope']).doNothing())
        .execute();
    }
  }
}

export async function listOutcomes(db: Kysely<Database>, runId: string): Promise<DatasetOutcomeRecord[]> {
  const rows = await db
    .selectFrom('dataset_outcomes')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('dataset')
    .orderBy('scope')
    .execute();
  return rows.map(toRecord);
}

/** The outcomes of the run that published `version`: why a dataset of that snapshot is stale. */
export async function snapshotOutcomes(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<DatasetOutcomeRecord[]> {
  const rows = await db
    .selectFrom('dataset_outcomes as o')
    .innerJoin('sync_runs as r', 'r.id', 'o.run_id')
    .selectAll('o')
    .where('r.connection_id', '=', connectionId)
    .where('r.snapshot_version', '=', version)
    .where('r.status', '=', 'success')
    .orderBy('o.dataset')
    .orderBy('o.scope')
    .execute();
  return rows.map(toRecord);
}

export async function markRunning(
  db: Kysely<Database>,
  key: { runId: string; dataset: string; scope: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('dataset_outcomes')
    .set({ status: 'running', started_at: now.toISOString() })
    .where('run_id', '=', key.runId)
    .where('dataset', '=', key.dataset)
    .where('scope', '=', key.scope)
    .where('status', '=', 'pending')
    .execute();
}

/** Records a stored page: call in the page's transaction so checkpoint and items agree. */
export async function recordPage(
  db: Kysely<Database>,
  key: { runId: string; dataset: string; scope: string },
  page: { items: number; checkpoint: string | null },
): Promise<void> {
  await db
    .updateTable('dataset_outcomes')
    .set((eb) => ({
      items: eb('items', '+', page.items),
      pages: eb('pages', '+', 1),
      checkpoint: page.checkpoint,
    }))
    .where('run_id', '=', key.runId)
    .where('dataset', '=', key.dataset)
    .where('scope', '=', key.scope)
    .execute();
}

export async function finishOutcome(
  db: Kysely<Database>,
  key: { runId: string; dataset: string; scope: string },
  outcome: {
    status: FinalOutcomeStatus;
    reason?: string | null;
    missingScope?: string | null;
    warnings?: readonly string[];
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('dataset_outcomes')
    .set({
      status: outcome.status,
      reason: outcome.reason ?? null,
      missing_scope: outcome.missingScope ?? null,
      finished_at: now.toISOString(),
      warnings: outcome.warnings && outcome.warnings.length > 0 ? toJsonColumn(outcome.warnings) : null,
    })
    .where('run_id', '=', key.runId)
    .where('dataset', '=', key.dataset)
    .where('scope', '=', key.scope)
    .execute();
}

/** Forgets a dataset's progress (it was rolled back): a resume starts it from the first page. */
export async function resetProgress(
  db: Kysely<Database>,
  key: { runId: string; dataset: string; scope: string },
): Promise<void> {
  await db
    .updateTable('dataset_outcomes')
    .set({ pages: 0, checkpoint: null })
    .where('run_id', '=', key.runId)
    .where('dataset', '=', key.dataset)
    .where('scope', '=', key.scope)
    .execute();
}

function toRecord(row: DatasetOutcomesTable): DatasetOutcomeRecord {
  return {
    runId: row.run_id,
    dataset: row.dataset,
    scope: row.scope,
    status: row.status,
    reason: row.reason,
    missingScope: row.missing_scope,
    items: row.items,
    pages: row.pages,
    checkpoint: row.checkpoint,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    warnings: warningsOf(row.warnings),
  };
}

function warningsOf(text: string | null): string[] {
  if (text === null) return [];
  const list = fromJsonColumn<unknown>(text);
  return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : [];
}
