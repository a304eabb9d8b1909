import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ExpiredException } from '../findings/exceptions.ts';
import type { PostureScores } from '../findings/posture-score.ts';
import type { EvaluationSummary } from '../findings/store/findings-store.ts';
import { recordEvaluation } from '../findings/store/record-evaluation.ts';
import type { Finding, FindingChange } from '../findings/track-findings.ts';
import { snapshotOutcomes } from '../inventory/dataset-outcomes.ts';
import { appInputOf } from '../report/app-risk-input.ts';
import { buildReport } from '../report/build-report.ts';
import type { Report } from '../report/model.ts';
import type { Attestation } from '../rules/attestation.ts';
import type { RuleResult } from '../rules/result.ts';
import { toDatasetOutcome } from '../rules/snapshot/dataset-outcome.ts';
import { findDataset } from '../rules/snapshot-view.ts';
import { judgementStamps, storeAppJudgement } from './app-judgements.ts';
import { riskiestFirst } from './apps-of-snapshot.ts';
import type { EvaluatedApp } from './evaluated-apps.ts';
import { type JudgeOptions, judgeSnapshot } from './judge-snapshot.ts';

// Everything after the sync, the same for `scan`, `report` and the demo (and the server's jobs):
// 1. judgeSnapshot: the catalogue and the organization's app policies over the snapshot in one
//    engine pass, with the attestations, rule settings and app governance state, exceptions applied
//    (the reconciliation's automatic steps — apps seen first, re-reviews — are stored);
// 2. recordEvaluation (src/findings): findings tracked against the previous evaluated snapshot,
//    posture scores, stored for this snapshot;
// 3. the apps as judged, stored with the snapshot (src/scan/app-judgements.ts: the apps list, the
//    Overview and the scan's notifications read them instead of judging again);
// 4. buildReport (src/report) from the same results and apps.

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

export interface Assessment {
  evaluation: ConnectionEvaluation;
  /** The snapshot's apps with their risk, classification, checks and policy violations. */
  apps: EvaluatedApp[];
  report: Report;
}

export async function assess(
  db: Kysely<Database>,
  connectionId: string,
  options: Omit<JudgeOptions, 'persist'>,
): Promise<Assessment> {
  const { now } = options;
  const judged = await judgeSnapshot(db, connectionId, { ...options, persist: true });
  const { view, results } = judged;
  // The posture score stored with the findings counts the catalogue's rules (the policies are the
  // organization's own: they show in the report).
  const recorded = await recordEvaluation(db, connectionId, {
    snapshotVersion: view.version,
    now,
    results,
    rules: judged.rules.map((r) => r.meta),
  });

  // Stamped after the judgement: it stored the classifications of apps seen first.
  const stamp = (await judgementStamps(db, connectionId)).get(connectionId) ?? '';
  await storeAppJudgement(db, {
    connectionId,
    version: view.version,
    stamp,
    judgedAt: now,
    apps: riskiestFirst(judged.apps),
  });

  // Coverage lists every dataset's outcome of the sync run, not only those the rules read; of the
  // items it reads only the org's workspaces (to name the sites the scan did not read).
  const outcomes = await snapshotOutcomes(db, connectionId, view.version);
  const report = buildReport({
    generatedAt: now,
    snapshot: {
      version: view.version,
      org: view.org,
      sites: view.sites,
      datasets: outcomes.map((o) => {
        const items = findDataset(view, o.dataset, o.scope)?.items;
        return { name: o.dataset, scope: o.scope, outcome: toDatasetOutcome(o), ...(items ? { items } : {}) };
      }),
    },
    rules: judged.metas,
    results,
    apps: judged.apps.map(appInputOf),
  });
  return {
    evaluation: {
      snapshotVersion: view.version,
      evaluatedAt: now.toISOString(),
      results,
      findings: recorded.findings,
      changes: recorded.changes,
      previousVersion: recorded.previousVersion,
      scores: recorded.scores,
      expiredAttestations: judged.expiredAttestations,
      expiredExceptions: judged.expiredExceptions,
      summary: recorded.summary,
    },
    apps: judged.apps,
    report,
  };
}
