import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import type {
  FindingChangeKind,
  FindingChangesTable,
  FindingEvaluationsTable,
  FindingsTable,
} from '../../db/schema-findings.ts';
import type { Evidence, ExceptionRef, ResourceRef, ResultStatus } from '../../rules/result.ts';
import type { PostureScores } from '../posture-score.ts';
import type { Finding, FindingChange } from '../track-findings.ts';

// Findings per evaluated snapshot: every finding (open, excepted, resolved) as it stood after the
// evaluation of snapshot V, the changes against the previous evaluated snapshot, and a summary
// row. Storing an evaluation replaces whatever an earlier evaluation of the same snapshot stored,
// in one transaction, so re-evaluating a snapshot never duplicates a finding.

export interface EvaluationSummary {
  snapshotVersion: number;
  evaluatedAt: string;
  rules: number;
  results: number;
  counts: Record<ResultStatus, number>;
  scores: PostureScores;
}

export interface StoredEvaluation {
  summary: EvaluationSummary;
  findings: readonly Finding[];
  changes: readonly FindingChange[];
}

export interface StoredFindingChange {
  key: string;
  kind: FindingChangeKind;
  previousStatus: string | null;
  status: string;
}

/** Rows per INSERT: 20 columns × 400 rows stays well under both databases' parameter limits. */
const BATCH = 400;

export async function storeEvaluation(
  db: Kysely<Database>,
  connectionId: string,
  stored: StoredEvaluation,
): Promise<void> {
  const version = stored.summary.snapshotVersion;
  const write = async (trx: Kysely<Database>) => {
    for (const table of ['finding_changes', 'findings', 'finding_evaluations'] as const) {
      await trx
        .deleteFrom(table)
        .where('connection_id', '=', connectionId)
        .where('snapshot_version', '=', version)
        .execute();
    }
    const summary: FindingEvaluationsTable = {
      connection_id: connectionId,
      snapshot_version: version,
      evaluated_at: stored.summary.evaluatedAt,
      rules: stored.summary.rules,
      results: stored.summary.results,
      counts: toJsonColumn(stored.summary.counts),
      scores: toJsonColumn(stored.summary.scores),
    };
    await trx.insertInto('finding_evaluations').values(summary).execute();
    const rows = stored.findings.map((f) => toRow(connectionId, version, f));
    for (let i = 0; i < rows.length; i += BATCH) {
      await trx
        .insertInto('findings')
        .values(rows.slice(i, i + BATCH))
        .execute();
    }
    const changes: FindingChangesTable[] = stored.changes.map((c) => ({
      connection_id: connectionId,
      snapshot_version: version,
      key: c.finding.key,
      kind: c.kind,
      previous_status: c.previous?.lastStatus ?? null,
      status: c.finding.lastStatus,
    }));
    for (let i = 0; i < changes.length; i += BATCH) {
      await trx
        .insertInto('finding_changes')
        .values(changes.slice(i, i + BATCH))
        .execute();
    }
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

/** The evaluations stored for a connection, newest snapshot first. */
export async function listEvaluations(
  db: Kysely<Database>,
  connectionId: string,
): Promise<EvaluationSummary[]> {
  const rows = await db
    .selectFrom('finding_evaluations')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('snapshot_version', 'desc')
    .execute();
  return rows.map(toSummary);
}

/** The latest evaluated snapshot before `beforeVersion` (or at all), if any. */
export async function latestEvaluation(
  db: Kysely<Database>,
  connectionId: string,
  options: { beforeVersion?: number } = {},
): Promise<EvaluationSummary | undefined> {
  let query = db.selectFrom('finding_evaluations').selectAll().where('connection_id', '=', connectionId);
  if (options.beforeVersion !== undefined)
    query = query.where('snapshot_version', '<', options.beforeVersion);
  const row = await query.orderBy('snapshot_version', 'desc').limit(1).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

/**
 * The findings as they stood after evaluating `version` (default: the latest evaluated snapshot),
 * sorted by key; `states` narrows them (e.g. `['open']`). Empty when nothing was evaluated.
 */
export async function listFindings(
  db: Kysely<Database>,
  connectionId: string,
  options: { version?: number; states?: readonly Finding['state'][]; ruleId?: string } = {},
): Promise<Finding[]> {
  const version = options.version ?? (await latestEvaluation(db, connectionId))?.snapshotVersion;
  if (version === undefined) return [];
  let query = db
    .selectFrom('findings')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('snapshot_version', '=', version);
  if (options.states) query = query.where('state', 'in', [...options.states]);
  if (options.ruleId !== undefined) query = query.where('rule_id', '=', options.ruleId);
  const rows = await query.orderBy('key').execute();
  return rows.map(toFinding);
}

/** What the evaluation of `version` changed against the evaluation before it. */
export async function listFindingChanges(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<StoredFindingChange[]> {
  const rows = await db
    .selectFrom('finding_changes')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('snapshot_version', '=', version)
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, kind: r.kind, previousStatus: r.previous_status, status: r.status }));
}

function toRow(connectionId: string, version: number, f: Finding): FindingsTable {
  return {
    connection_id: connectionId,
    snapshot_version: version,
    key: f.key,
    rule_id: f.ruleId,
    resource_type: f.resource.type,
    resource_id: f.resource.id,
    resource_name: f.resource.name ?? null,
    resource_scope: f.resource.scope,
    state: f.state,
    last_status: f.lastStatus,
    message: f.message,
    evidence: f.evidence ? toJsonColumn(f.evidence) : null,
    exception: f.exception ? toJsonColumn(f.exception) : null,
    first_seen_version: f.firstSeen.version,
    first_seen_at: f.firstSeen.at,
    last_seen_version: f.lastSeen.version,
    last_seen_at: f.lastSeen.at,
    resolved_version: f.resolved?.version ?? null,
    resolved_at: f.resolved?.at ?? null,
    regressions: f.regressions,
  };
}

function toFinding(row: FindingsTable): Finding {
  const resource: ResourceRef = {
    type: row.resource_type as ResourceRef['type'],
    id: row.resource_id,
    ...(row.resource_name !== null ? { name: row.resource_name } : {}),
    scope: row.resource_scope,
  };
  return {
    key: row.key,
    ruleId: row.rule_id,
    resource,
    state: row.state,
    lastStatus: row.last_status as Finding['lastStatus'],
    message: row.message,
    ...(row.evidence !== null ? { evidence: fromJsonColumn<Evidence>(row.evidence) } : {}),
    ...(row.exception !== null ? { exception: fromJsonColumn<ExceptionRef>(row.exception) } : {}),
    firstSeen: { version: row.first_seen_version, at: row.first_seen_at },
    lastSeen: { version: row.last_seen_version, at: row.last_seen_at },
    resolved:
      row.resolved_version !== null && row.resolved_at !== null
        ? { version: row.resolved_version, at: row.resolved_at }
        : null,
    regressions: row.regressions,
  };
}

function toSummary(row: FindingEvaluationsTable): EvaluationSummary {
  return {
    snapshotVersion: row.snapshot_version,
    evaluatedAt: row.evaluated_at,
    rules: row.rules,
    results: row.results,
    counts: fromJsonColumn<Record<ResultStatus, number>>(row.counts),
    scores: fromJsonColumn<PostureScores>(row.scores),
  };
}
