import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { RESULT_STATUSES, type ResultStatus, type RuleResult } from '../../rules/result.ts';
import type { RuleMeta } from '../../rules/rule-meta.ts';
import { type PostureScores, postureScores } from '../posture-score.ts';
import { type Finding, type FindingChange, trackFindings } from '../track-findings.ts';
import { type EvaluationSummary, latestEvaluation, listFindings, storeEvaluation } from './findings-store.ts';
import { syncWorkflow } from './workflow-sync.ts';

// What a scan keeps of its evaluation of one snapshot (src/scan/assess.ts evaluates): findings
// tracked against the previous evaluated snapshot, posture scores, and the summary, stored for
// that snapshot. Recording a snapshot again replaces what was stored for it (it starts from the
// same history, the evaluation before it), so it never duplicates a finding. Recording an older
// snapshot than the latest evaluated one is allowed (a re-run after a rule fix) but does not
// recompute the evaluations after it.

export interface RecordEvaluationInput {
  snapshotVersion: number;
  /** The evaluation time. */
  now: Date;
  /** Every result, with exceptions applied. */
  results: readonly RuleResult[];
  /** The rules the posture score counts (findings of rules not evaluated are carried over). */
  rules: readonly RuleMeta[];
}

export interface RecordedEvaluation {
  /** Every finding after this evaluation (open, excepted, resolved), sorted by key. */
  findings: Finding[];
  /** New, regressed, resolved and changed findings against the previous evaluated snapshot. */
  changes: FindingChange[];
  /** The snapshot the changes are measured against; null on the first evaluation. */
  previousVersion: number | null;
  scores: PostureScores;
  summary: EvaluationSummary;
}

export async function recordEvaluation(
  db: Kysely<Database>,
  connectionId: string,
  input: RecordEvaluationInput,
): Promise<RecordedEvaluation> {
  const { snapshotVersion, now, results, rules } = input;
  const previous = await latestEvaluation(db, connectionId, { beforeVersion: snapshotVersion });
  const history = previous ? await listFindings(db, connectionId, { version: previous.snapshotVersion }) : [];
  const tracked = trackFindings(history, results, snapshotVersion, now);
  const scores = postureScores(results, rules);
  const summary: EvaluationSummary = {
    snapshotVersion,
    evaluatedAt: now.toISOString(),
    rules: rules.length,
    results: results.length,
    counts: countStatuses(results),
    scores,
  };
  // The findings of the snapshot and their workflow (resolved by the scan, regressed) in one
  // transaction: a team never sees a status the stored findings do not back.
  const write = async (trx: Kysely<Database>) => {
    await storeEvaluation(trx, connectionId, {
      summary,
      findings: tracked.findings,
      changes: tracked.changes,
    });
    await syncWorkflow(trx, connectionId, { snapshotVersion, now, findings: tracked.findings, rules });
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
  return {
    findings: tracked.findings,
    changes: tracked.changes,
    previousVersion: previous?.snapshotVersion ?? null,
    scores,
    summary,
  };
}

function countStatuses(results: readonly RuleResult[]): Record<ResultStatus, number> {
  const counts = Object.fromEntries(RESULT_STATUSES.map((s) => [s, 0])) as Record<ResultStatus, number>;
  for (const r of results) counts[r.status] += 1;
  return counts;
}
