import type { Kysely } from 'kysely';
import type { AtlassianApi } from '../atlassian/api.ts';
import type { Database } from '../db/schema.ts';
import { previousCursor } from '../inventory/cursors.ts';
import {
  type DatasetOutcomeRecord,
  type FinalOutcomeStatus,
  finishOutcome,
  markRunning,
  recordPage,
  resetProgress,
} from '../inventory/dataset-outcomes.ts';
import { rollbackDataset } from '../inventory/dataset-rollback.ts';
import { DatasetWriter } from '../inventory/dataset-writer.ts';
import { readAtVersion } from '../inventory/read-dataset.ts';
import { addRunProgress } from '../inventory/sync-runs.ts';
import type { CollectedItem, CollectorContext, CollectorPage } from './collector.ts';
import type { RejectionCheck } from './credential-check.ts';
import { DriftLog, loggingDrift } from './drift-log.ts';
import { CREDENTIAL_REJECTED_REASON, classifyError, credentialRejectedReason } from './error-outcome.ts';
import type { DatasetTask } from './plan-tasks.ts';
import type { SyncScope } from './sync-target.ts';

// Runs one dataset of a sync: pages from the collector go to the store one transaction each,
// together with the checkpoint and the run's counters, so a crash loses at most the page in
// flight and a resume continues after the last page stored. A dataset that fails part-way is
// rolled back (see README: failed, not partial).

export type StopReason = 'credential_rejected' | 'aborted';

export interface RunDatasetInput {
  db: Kysely<Database>;
  api: AtlassianApi;
  connection: Pick<SyncScope, 'id' | 'orgId'>;
  runId: string;
  version: number;
  task: DatasetTask;
  /** The stored outcome row (its checkpoint and page count drive the resume). */
  outcome: DatasetOutcomeRecord;
  /** Why this dataset can only be partial (a dependency this run could not read), if so. */
  notes: string[];
  now: () => Date;
  /** Polled between pages: another dataset lost the credential, or the run was aborted. */
  stopped: () => StopReason | null;
  /** After each stored page: items read, and rows written (new or changed items). */
  onPage: (items: number, written: number) => void;
  /** Asked before a 401 ends the run: a canary may show the credential working (credential-check.ts). */
  recheckRejection?: RejectionCheck;
  /** The sync's abort signal: it cancels the collector's call in flight too. */
  signal?: AbortSignal | undefined;
}

export type RunDatasetResult =
  | { kind: 'finished'; status: FinalOutcomeStatus }
  /** Ended by a 401 here or elsewhere: the run publishes nothing. */
  | { kind: 'credential_rejected'; reason: string }
  /** Aborted: its stored pages and checkpoint stay for the resume. */
  | { kind: 'interrupted' };

class Stop extends Error {
  readonly why: StopReason;
  constructor(why: StopReason) {
    super(`stopped: ${why}`);
    this.why = why;
  }
}

export async function runDataset(input: RunDatasetInput): Promise<RunDatasetResult> {
  const { db, task, runId, version, now } = input;
  const key = { runId, dataset: task.dataset, scope: task.scope };
  const ref = { connectionId: input.connection.id, dataset: task.dataset, scope: task.scope };
  // A right the credential lacks (plan-tasks.ts) makes the dataset partial whatever it reads.
  const notes = [...(task.limits ? [task.limits.reason] : []), ...input.notes];
  let missing: string | null = task.limits?.missing ?? null;
  // What the responses held that was not as documented (items left out make it partial).
  const drift = new DriftLog();
  const allNotes = () => [...notes, ...drift.notes()];

  try {
    await markRunning(db, key, now());
    const writer = await DatasetWriter.open(db, { ...ref, version, kind: task.collector.kind });
    const ctx: CollectorContext = {
      api: loggingDrift(input.api, drift, input.signal),
      site: task.site,
      orgId: input.connection.orgId ?? undefined,
      resumeFrom: input.outcome.checkpoint,
      since: task.collector.kind === 'append' ? await previousCursor(db, ref, version) : null,
      now: now(),
      ...(task.access ? { access: task.access } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
      items: async (dataset: string, scope?: string): Promise<CollectedItem[]> => {
        const rows = await readAtVersion(
          db,
          { connectionId: input.connection.id, dataset, scope: scope ?? defaultScope(task, dataset) },
          version,
        );
        return rows.map((r) => ({ key: r.key, data: r.data }));
      },
    };

    let pageIndex = input.outcome.pages;
    const finalOutcome = () => {
      const all = allNotes();
      return {
        status: all.length > 0 ? ('partial' as const) : ('ok' as const),
        reason: all.length > 0 ? all.join('; ') : null,
        missingScope: missing,
        warnings: drift.warnings(),
      };
    };
    const store = async (page: CollectorPage, final: boolean): Promise<void> => {
      const write = await db.transaction().execute(async (trx) => {
        const w = await writer.writePage(trx, { index: pageIndex, items: page.items, cursor: page.cursor });
        await recordPage(trx, key, { items: page.items.length, checkpoint: page.checkpoint });
        if (final) {
          await writer.complete(trx, w);
          await finishOutcome(trx, key, finalOutcome(), now());
        }
        await addRunProgress(trx, runId, { itemsRead: page.items.length, datasetsDone: final ? 1 : 0 });
        return w;
      });
      writer.commit(write);
      pageIndex++;
      input.onPage(page.items.length, write.added + write.changed);
    };

    let finished = false;
    for await (const page of task.collector.collect(ctx)) {
      const stop = input.stopped();
      if (stop) throw new Stop(stop);
      const note = page.partial;
      if (note) {
        notes.push(note.reason);
        missing = note.missing ?? missing;
      }
      finished = page.checkpoint === null;
      await store(page, finished);
      if (finished) break;
    }
    if (!finished) {
      // The collector ended without a final (null-checkpoint) page: complete separately.
      const stop = input.stopped();
      if (stop) throw new Stop(stop);
      await db.transaction().execute(async (trx) => {
        await writer.complete(trx);
        await finishOutcome(trx, key, finalOutcome(), now());
        await addRunProgress(trx, runId, { datasetsDone: 1 });
      });
    }
    return { kind: 'finished', status: allNotes().length > 0 ? 'partial' : 'ok' };
  } catch (error) {
    const stop = error instanceof Stop ? error.why : input.stopped();
    if (stop === 'aborted') return { kind: 'interrupted' };
    let outcome = stop === 'credential_rejected' ? null : classifyError(error);
    if (outcome?.kind === 'credential_rejected' && input.recheckRejection) {
      const meaning = await input.recheckRejection(error, {
        site: task.site,
        credential: task.collector.credential,
      });
      const after = input.stopped();
      if (after === 'aborted') return { kind: 'interrupted' };
      outcome = after === 'credential_rejected' ? null : classifyError(meaning);
    }
    if (outcome === null || outcome.kind === 'credential_rejected') {
      // The whole version is discarded by the run; only the outcome needs saying: the refused
      // credential and host when this call was the one refused.
      const reason =
        outcome === null
          ? CREDENTIAL_REJECTED_REASON
          : credentialRejectedReason(task.collector.credential, error);
      await finishOutcome(db, key, { status: 'failed', reason }, now());
      return { kind: 'credential_rejected', reason };
    }
    const status = outcome.kind;
    await db.transaction().execute(async (trx) => {
      await rollbackDataset(trx, ref, version);
      await resetProgress(trx, key);
      await finishOutcome(
        trx,
        key,
        {
          status,
          reason: outcome.reason,
          missingScope: outcome.kind === 'forbidden' ? outcome.missing : null,
        },
        now(),
      );
      await addRunProgress(trx, runId, { datasetsDone: 1 });
    });
    return { kind: 'finished', status };
  }
}

// `ctx.items(dataset)` without a scope means "the same scope", except that a site collector
// reading an org dataset gets the org's (the only scope that dataset has).
function defaultScope(task: DatasetTask, dataset: string): string {
  return task.orgDatasets.has(dataset) ? 'org' : task.scope;
}
