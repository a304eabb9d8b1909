import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import PQueue from 'p-queue';
import type { AtlassianApi } from '../atlassian/api.ts';
import { CredentialCanary } from '../atlassian/credential-canary.ts';
import type { Database } from '../db/schema.ts';
import { getConnection } from '../inventory/connections.ts';
import {
  type DatasetOutcomeRecord,
  ensureOutcomes,
  type FinalOutcomeStatus,
  finishOutcome,
  isFinal,
  listOutcomes,
} from '../inventory/dataset-outcomes.ts';
import { rollbackDataset } from '../inventory/dataset-rollback.ts';
import { refreshPlannerStatistics, STATISTICS_REFRESH_ROWS } from '../inventory/planner-statistics.ts';
import {
  beginSnapshot,
  buildingSnapshot,
  discardSnapshot,
  getSnapshot,
  publishSnapshot,
} from '../inventory/snapshots.ts';
import {
  createRun,
  findUnfinishedRun,
  finishRun,
  getRun,
  setRunProgress,
  startRun,
} from '../inventory/sync-runs.ts';
import type { Collector } from './collector.ts';
import { rejectionCheck } from './credential-check.ts';
import { CREDENTIAL_REJECTED_REASON } from './error-outcome.ts';
import { type DatasetTask, planTasks, taskId } from './plan-tasks.ts';
import { type RunDatasetResult, runDataset, type StopReason } from './run-dataset.ts';
import { ConnectionNotFoundError, SyncInterruptedError } from './sync-errors.ts';
import type { SyncScope } from './sync-target.ts';

// One sync of a connection: a run row, a building snapshot version, every dataset collected
// (dependencies first, independent ones concurrently), then one atomic publish. A run left in
// progress by a killed process is picked up by the next call, with its version and checkpoints.
//
// Run status: `success` = the snapshot was published (datasets may still be partial, forbidden
// or failed: their outcomes say so, and failed ones show the previous data); `error` = nothing
// was published (the credential was rejected). An aborted run stays `in_progress` to resume.

export const DEFAULT_SYNC_CONCURRENCY = 4;

/** The connection synced (what the site credential may see per site: plan-tasks.ts judges the datasets by it). */
export type SyncConnection = SyncScope;

export interface SyncProgress {
  runId: string;
  /** `waiting`: every call of the connection is paused (Atlassian's hourly quota is spent). */
  event: 'started' | 'page' | 'dataset' | 'waiting' | 'finished';
  datasetsDone: number;
  datasetsTotal: number;
  itemsRead: number;
  /** The dataset the event is about (page, dataset events). */
  dataset?: string;
  scope?: string;
  status?: FinalOutcomeStatus;
  /** Waiting events: when calls resume (ISO 8601) and why. */
  waitingUntil?: string;
  waitingFor?: 'hourly-quota';
}

export interface SyncDeps {
  db: Kysely<Database>;
  api: AtlassianApi;
  collectors: readonly Collector[];
  connection: SyncConnection;
  now: () => Date;
  onProgress?: (progress: SyncProgress) => void;
  /** Aborting stops between pages; the run stays in progress and the next sync resumes it. */
  signal?: AbortSignal;
  /** Datasets collected at once (default 4); the API client caps requests per tenant on its own. */
  concurrency?: number;
  newRunId?: () => string;
}

export interface SyncResult {
  runId: string;
  status: 'success' | 'error';
  reason: string | null;
  /** The snapshot version published, or null when the run published nothing. */
  snapshotVersion: number | null;
  /** Whether this call continued a run an earlier process had left in progress. */
  resumed: boolean;
  datasetsTotal: number;
  datasetsDone: number;
  itemsRead: number;
  outcomes: DatasetOutcomeRecord[];
}

export async function runSync(deps: SyncDeps): Promise<SyncResult> {
  const { db, connection, now } = deps;
  const plan = planTasks(deps.collectors, connection);
  if (!(await getConnection(db, connection.id))) throw new ConnectionNotFoundError(connection.id);

  const total = plan.tasks.length + plan.skipped.length;
  const { runId, version, resumed } = await openRun(
    db,
    connection.id,
    total,
    now(),
    deps.newRunId ?? randomUUID,
  );

  await ensureOutcomes(db, runId, [
    ...plan.skipped.map((s) => ({ dataset: s.dataset, scope: s.scope })),
    ...plan.tasks.map((t) => ({ dataset: t.dataset, scope: t.scope })),
  ]);
  const stored = new Map((await listOutcomes(db, runId)).map((o) => [taskId(o.dataset, o.scope), o]));
  for (const s of plan.skipped) {
    const id = taskId(s.dataset, s.scope);
    const current = stored.get(id);
    if (current && !isFinal(current.status)) {
      await finishOutcome(db, { runId, dataset: s.dataset, scope: s.scope }, s, now());
      stored.set(id, { ...current, status: s.status, reason: s.reason, missingScope: s.missingScope });
    }
  }

  const finalStatus = new Map<string, FinalOutcomeStatus>();
  for (const [id, o] of stored) if (isFinal(o.status)) finalStatus.set(id, o.status);
  const run = await getRun(db, runId);
  const counters = { datasetsDone: finalStatus.size, datasetsTotal: total, itemsRead: run?.itemsRead ?? 0 };
  await setRunProgress(db, runId, counters);
  const report = (event: SyncProgress['event'], extra: Partial<SyncProgress> = {}) => {
    try {
      deps.onProgress?.({ runId, event, ...counters, ...extra });
    } catch {
      // A failing progress listener must not fail the sync.
    }
  };
  report('started');
  // A spent hourly quota holds every dataset at once: say so, or the sync looks hung for an hour.
  const unsubscribe = deps.api.onPause?.((pause) =>
    report('waiting', { waitingUntil: new Date(pause.until).toISOString(), waitingFor: pause.reason }),
  );

  let stop: StopReason | null = null;
  let stopReason = CREDENTIAL_REJECTED_REASON;
  let rowsWritten = 0;
  const stopped = (): StopReason | null => stop ?? (deps.signal?.aborted ? 'aborted' : null);
  const queue = new PQueue({ concurrency: Math.max(1, deps.concurrency ?? DEFAULT_SYNC_CONCURRENCY) });
  const done = new Map<string, Promise<RunDatasetResult>>();
  // One canary per run: a 401 stops the run only if the credential fails it too.
  const recheckRejection = rejectionCheck(
    new CredentialCanary({ api: deps.api, sites: connection.sites, orgId: connection.orgId ?? undefined }),
  );

  const start = (task: DatasetTask): Promise<RunDatasetResult> => {
    const already = finalStatus.get(task.id);
    if (already) return Promise.resolve({ kind: 'finished', status: already });
    const waitFor = task.after.map(
      (id) => done.get(id) ?? Promise.resolve<RunDatasetResult>({ kind: 'interrupted' }),
    );
    return Promise.all(waitFor).then(async () => {
      const outcome = stored.get(task.id);
      if (!outcome) throw new Error(`no outcome row for ${task.id}`);
      const notes = dependencyNotes(task, finalStatus);
      return queue.add(async (): Promise<RunDatasetResult> => {
        const why = stopped();
        if (why === 'aborted') return { kind: 'interrupted' };
        if (why === 'credential_rejected') {
          await finishOutcome(
            db,
            { runId, dataset: task.dataset, scope: task.scope },
            {
              status: 'failed',
              reason: CREDENTIAL_REJECTED_REASON,
            },
            now(),
          );
          return { kind: 'credential_rejected', reason: CREDENTIAL_REJECTED_REASON };
        }
        const result = await runDataset({
          db,
          api: deps.api,
          connection,
          runId,
          version,
          task,
          outcome,
          notes,
          now,
          stopped,
          recheckRejection,
          signal: deps.signal,
          onPage: (items, written) => {
            counters.itemsRead += items;
            rowsWritten += written;
            report('page', { dataset: task.dataset, scope: task.scope });
          },
        });
        if (result.kind === 'credential_rejected') {
          // The first refusal names the credential and host; later ones only saw the stop.
          if (stop !== 'credential_rejected') stopReason = result.reason;
          stop = 'credential_rejected';
        }
        if (result.kind === 'finished') {
          finalStatus.set(task.id, result.status);
          counters.datasetsDone++;
          report('dataset', { dataset: task.dataset, scope: task.scope, status: result.status });
        }
        return result;
      });
    });
  };
  for (const task of plan.tasks) done.set(task.id, start(task));

  const settled = await Promise.allSettled(done.values());
  unsubscribe?.();
  const crashed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  // A store failure (database gone): leave the run in progress for the next attempt to resume.
  if (crashed) throw crashed.reason;

  if (stop !== 'credential_rejected' && deps.signal?.aborted) throw new SyncInterruptedError(runId);

  let status: 'success' | 'error';
  let reason: string | null = null;
  const finishedAt = now();
  if (stop === 'credential_rejected') {
    status = 'error';
    reason = stopReason;
    await db.transaction().execute(async (trx) => {
      await discardSnapshot(trx, connection.id, version);
      await finishRun(trx, runId, { status: 'error', reason: stopReason }, finishedAt);
    });
  } else {
    status = 'success';
    await settleLeftovers(db, connection.id, runId, version, finishedAt);
    reason = summarize(await listOutcomes(db, runId));
    await db.transaction().execute(async (trx) => {
      await publishSnapshot(trx, connection.id, version, finishedAt);
      await finishRun(trx, runId, { status: 'success', reason }, finishedAt);
    });
    if (rowsWritten >= STATISTICS_REFRESH_ROWS) await refreshPlannerStatistics(db);
  }
  const outcomes = await listOutcomes(db, runId);
  const finalRun = await getRun(db, runId);
  const result: SyncResult = {
    runId,
    status,
    reason,
    snapshotVersion: status === 'success' ? version : null,
    resumed,
    datasetsTotal: total,
    datasetsDone: finalRun?.datasetsDone ?? counters.datasetsDone,
    itemsRead: finalRun?.itemsRead ?? counters.itemsRead,
    outcomes,
  };
  counters.datasetsDone = result.datasetsDone;
  counters.itemsRead = result.itemsRead;
  report('finished');
  return result;
}

/** Takes over the connection's unfinished run, or creates a run with a new building version. */
async function openRun(
  db: Kysely<Database>,
  connectionId: string,
  datasetsTotal: number,
  now: Date,
  newRunId: () => string,
): Promise<{ runId: string; version: number; resumed: boolean }> {
  let existing = await findUnfinishedRun(db, connectionId);
  if (existing?.snapshotVersion != null) {
    const snapshot = await getSnapshot(db, connectionId, existing.snapshotVersion);
    if (snapshot?.status === 'building') {
      await startRun(db, existing.id, { snapshotVersion: existing.snapshotVersion, datasetsTotal }, now);
      return {
        runId: existing.id,
        version: existing.snapshotVersion,
        resumed: existing.status === 'in_progress',
      };
    }
    // Its version is gone (discarded by hand, say): that run cannot be resumed; close it.
    await finishRun(
      db,
      existing.id,
      { status: 'error', reason: 'interrupted, and its snapshot was discarded' },
      now,
    );
    existing = undefined;
  }
  // A building version nobody runs any more (its run was finished by hand, say): discard it
  // before starting the next, since only one version may be built at a time.
  const orphan = await buildingSnapshot(db, connectionId);
  if (orphan) await discardSnapshot(db, connectionId, orphan.version);
  return db.transaction().execute(async (trx) => {
    const runId = existing?.id ?? (await createRun(trx, { id: newRunId(), connectionId }, now)).id;
    const version = await beginSnapshot(trx, connectionId, now);
    await startRun(trx, runId, { snapshotVersion: version, datasetsTotal }, now);
    return { runId, version, resumed: false };
  });
}

/** Why a dataset is only partial: a dependency this run could not read (it uses older data). */
function dependencyNotes(task: DatasetTask, finalStatus: ReadonlyMap<string, FinalOutcomeStatus>): string[] {
  const notes: string[] = [];
  for (const id of [...task.after, ...task.skippedDependencies]) {
    const status = finalStatus.get(id);
    if (status === 'ok') continue;
    notes.push(`depends on ${id}, which was ${status ?? 'not collected'} in this sync`);
  }
  return notes;
}

/**
 * Datasets a resumed run had started that are no longer part of it (a site removed, a collector
 * dropped): their half-written rows must not be published, so they are rolled back and failed.
 */
async function settleLeftovers(
  db: Kysely<Database>,
  connectionId: string,
  runId: string,
  version: number,
  now: Date,
): Promise<void> {
  for (const o of await listOutcomes(db, runId)) {
    if (isFinal(o.status)) continue;
    await db.transaction().execute(async (trx) => {
      await rollbackDataset(trx, { connectionId, dataset: o.dataset, scope: o.scope }, version);
      await finishOutcome(
        trx,
        { runId, dataset: o.dataset, scope: o.scope },
        { status: 'failed', reason: 'not collected: no longer part of this sync' },
        now,
      );
    });
  }
}

/** A published run's reason: null when every dataset is ok, else how many were not. */
function summarize(outcomes: readonly DatasetOutcomeRecord[]): string | null {
  const counts = new Map<string, number>();
  for (const o of outcomes) if (o.status !== 'ok') counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  if (counts.size === 0) return null;
  const parts = (['failed', 'forbidden', 'partial'] as const)
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`);
  return `${parts.join(', ')} of ${outcomes.length} datasets`;
}
