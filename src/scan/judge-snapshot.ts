import type { Kysely } from 'kysely';
import { loadGovernance } from '../app-risk/govern.ts';
import { APP_DATASETS } from '../app-risk/model/inventory.ts';
import type { Database } from '../db/schema.ts';
import { applyExceptions, type ExpiredException } from '../findings/exceptions.ts';
import { listAttestations } from '../findings/store/attestations-store.ts';
import { listExceptions } from '../findings/store/exceptions-store.ts';
import { loadRuleSettings } from '../findings/store/rule-settings-store.ts';
import type { AppGovernance } from '../rules/app-governance.ts';
import { policyMeta } from '../rules/app-policies.ts';
import type { Attestation } from '../rules/attestation.ts';
import { catalogue } from '../rules/catalogue/index.ts';
import { datasetsRead } from '../rules/datasets-read.ts';
import { evaluateSnapshot } from '../rules/evaluate.ts';
import type { GuardTier } from '../rules/plans.ts';
import type { RuleResult } from '../rules/result.ts';
import type { Rule } from '../rules/rule.ts';
import type { RuleMeta } from '../rules/rule-meta.ts';
import { buildSnapshotView } from '../rules/snapshot/build-snapshot-view.ts';
import type { SnapshotView } from '../rules/snapshot-view.ts';
import { appInventoryOf } from './app-inventory.ts';
import { type EvaluatedApp, evaluatedApps } from './evaluated-apps.ts';

// The judgement of one stored snapshot, as every command that evaluates one makes it: one view of
// the snapshot (every dataset the rules and the app inventory read, loaded once), the
// organization's attestations, exceptions, rule settings and app governance state (classifications
// reconciled with the inventory, risk scored with the overrides, policies), then one pass of the
// engine over the catalogue and the policies with all of them, and the exceptions applied.
// `assess` stores what a scan keeps of it; `evaluateOffline` (diff, except) and `appsOfSnapshot`
// store nothing.

export interface JudgeOptions {
  /** The evaluation time (rules measure dormancy and expiry against it). */
  now: Date;
  /** A complete snapshot version; the latest complete one by default. */
  version?: number | undefined;
  /** The rules to run; the whole catalogue by default. */
  rules?: readonly Rule[] | undefined;
  /** The Atlassian Guard tier, when the organization stated it (no API exposes it); unknown by default. */
  guard?: GuardTier | null | undefined;
  /** Store what the governance reconciliation moved (apps seen first, re-reviews); false: nothing is written. */
  persist: boolean;
}

export interface Judgement {
  view: SnapshotView;
  rules: readonly Rule[];
  /** The metadata of every rule with results: the rules run, then the organization's app policies. */
  metas: RuleMeta[];
  governance: AppGovernance;
  /** Every result, with exceptions applied (`excepted`). */
  results: RuleResult[];
  /** The apps of the snapshot with their risk, classification and results (exceptions not applied). */
  apps: EvaluatedApp[];
  /** Attestations that lapsed: the rules they backed are `unknown` until re-attested. */
  expiredAttestations: Attestation[];
  /** Exceptions that lapsed, with the failures they no longer cover. */
  expiredExceptions: ExpiredException[];
}

export async function judgeSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  options: JudgeOptions,
): Promise<Judgement> {
  const { now } = options;
  const rules = options.rules ?? catalogue.map((e) => e.rule);
  const view = await buildSnapshotView(db, connectionId, {
    now,
    datasets: [...new Set([...datasetsRead(rules), ...APP_DATASETS])],
    ...(options.version !== undefined ? { version: options.version } : {}),
    ...(options.guard !== undefined ? { guard: options.guard } : {}),
  });
  const [attestations, exceptions, settings] = await Promise.all([
    listAttestations(db, connectionId),
    listExceptions(db, connectionId),
    loadRuleSettings(db, connectionId),
  ]);
  // After the reads, not beside them: it may write in a transaction.
  const governance = await loadGovernance(db, connectionId, appInventoryOf(view), {
    now,
    persist: options.persist,
  });
  const evaluation = evaluateSnapshot(rules, view, { settings, attestations, governance });
  const excepted = applyExceptions(evaluation.results, exceptions, now);
  return {
    view,
    rules,
    metas: [...rules.map((r) => r.meta), ...governance.policies.map(policyMeta)],
    governance,
    results: excepted.results,
    apps: evaluatedApps(governance, evaluation.results),
    expiredAttestations: evaluation.expiredAttestations,
    expiredExceptions: excepted.expired,
  };
}
