import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Attestation } from '../../rules/attestation.ts';
import { catalogue } from '../../rules/catalogue/index.ts';
import { isDatasetName } from '../../rules/dataset-catalogue.ts';
import { evaluateSnapshot } from '../../rules/evaluate.ts';
import type { GuardTier } from '../../rules/plans.ts';
import { RESULT_STATUSES, type ResultStatus, type RuleResult } from '../../rules/result.ts';
import type { Rule } from '../../rules/rule.ts';
import { buildSnapshotView } from '../../rules/snapshot/build-snapshot-view.ts';
import { applyExceptions, type ExpiredException } from '../exceptions.ts';
import { type PostureScores, postureScores } from '../posture-score.ts';
import { type Finding, type FindingChange, trackFindings } from '../track-findings.ts';
import { listAttestations } from './attestations-store.ts';
import { listExceptions } from './exceptions-store.ts';
import { type EvaluationSummary, latestEvaluation, listFindings, storeEvaluation } from './findings-store.ts';
import { loadRuleSettings } from './rule-settings-store.ts';

// One scan of a connection, as the server's jobs and the CLI run it after a sync: build the view
// of a complete snapshot, load the organization's attestations, exceptions and settings, evaluate,
// apply the exceptions, track findings against the previous evaluated snapshot, score, and store
// it all for that snapshot. Re-evaluating a snapshot replaces its stored evaluation (it starts
// from the same history, the evaluation before it), so it never duplicates a finding. Evaluating
// an older snapshot than the latest evaluated one is allowed (a re-run after a rule fix) but does
// not recompute the evaluations after it.

export interface EvaluateConnectionOptions {
  /** The evaluation time (rules measure dormancy and expiry against it). */
  now: Date;
  /** The rules to run; the whole catalogue by default. Findings of other rules are carried over. */
  rules?: readonly Rule[];
  /** A complete snapshot version; the latest complete one by default. */
  version?: number;
  /** The Atlassian Guard tier, when the organization stated it (no API exposes it); unknown by default. */
  guard?: GuardTier | null;
  /**
   * Results computed outside the catalogue run for the same snapshot (the app rules and policies of
   * src/app-risk, which need Palisade's own classification state): given the catalogue's results,
   * returns the full set. Applied before exceptions, findings tracking and scoring, so the stored
   * findings and the report agree.
   */
  completeResults?: (results: readonly RuleResult[], snapshotVersion: number) => Promise<RuleResult[]>;
}

export interface ConnectionEvaluation {
  snapshotVersion: number;
  evaluatedAt: string;
  /** Every result, with exceptions applied (`excepted`). */
  results: RuleResult[];
  /** Every finding after this evaluation (open, excepted, resolved), sorted by key. */
  findings: Finding[];
  /** New, regressed, resolved and changed findings against the previous evaluated snapshot. */
  changes: FindingChange[];
  /** The snapshot the changes are measured against; null on the first evaluation. */
  previousVersion: number | null;
  scores: PostureScores;
  /** Attestations that lapsed: the rules they backed are `unknown` until re-attested. */
  expiredAttestations: Attestation[];
  /** Exceptions that lapsed, with the failures they no longer cover. */
  expiredExceptions: ExpiredException[];
  summary: EvaluationSummary;
}

/** The datasets a set of rules reads (required or optional): all the view has to load. */
export function datasetsRead(rules: readonly Rule[]): string[] {
  const names = new Set<string>();
  for (const rule of rules) {
    for (const name of [...rule.meta.requires, ...rule.meta.optional])
      if (isDatasetName(name)) names.add(name);
  }
  return [...names].sort();
}

export async function evaluateConnection(
  db: Kysely<Database>,
  connectionId: string,
  options: EvaluateConnectionOptions,
): Promise<ConnectionEvaluation> {
  const rules = options.rules ?? catalogue.map((e) => e.rule);
  const { now } = options;
  const view = await buildSnapshotView(db, connectionId, {
    now,
    datasets: datasetsRead(rules),
    ...(options.version !== undefined ? { version: options.version } : {}),
    ...(options.guard !== undefined ? { guard: options.guard } : {}),
  });
  const [attestations, exceptions, settings] = await Promise.all([
    listAttestations(db, connectionId),
    listExceptions(db, connectionId),
    loadRuleSettings(db, connectionId),
  ]);

  const evaluation = evaluateSnapshot(rules, view, { settings, attestations });
  const results = options.completeResults
    ? await options.completeResults(evaluation.results, view.version)
    : evaluation.results;
  const excepted = applyExceptions(results, exceptions, now);

  const previous = await latestEvaluation(db, connectionId, { beforeVersion: view.version });
  const history = previous ? await listFindings(db, connectionId, { version: previous.snapshotVersion }) : [];
  const tracked = trackFindings(history, excepted.results, view.version, now);
  const scores = postureScores(
    excepted.results,
    rules.map((r) => r.meta),
  );
  const summary: EvaluationSummary = {
    snapshotVersion: view.version,
    evaluatedAt: now.toISOString(),
    rules: rules.length,
    results: excepted.results.length,
    counts: countStatuses(excepted.results),
    scores,
  };
  await storeEvaluation(db, connectionId, { summary, findings: tracked.findings, changes: tracked.changes });

  return {
    snapshotVersion: view.version,
    evaluatedAt: summary.evaluatedAt,
    results: excepted.results,
    findings: tracked.findings,
    changes: tracked.changes,
    previousVersion: previous?.snapshotVersion ?? null,
    scores,
    expiredAttestations: evaluation.expiredAttestations,
    expiredExceptions: excepted.expired,
    summary,
  };
}

function countStatuses(results: readonly RuleResult[]): Record<ResultStatus, number> {
  const counts = Object.fromEntries(RESULT_STATUSES.map((s) => [s, 0])) as Record<ResultStatus, number>;
  for (const r of results) counts[r.status] += 1;
  return counts;
}
