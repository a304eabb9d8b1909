import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { orgAppsClassifiedRule } from '../rules/catalogue/app-governance/org_apps_classified.rule.ts';
import { orgNoUnacceptedHighRiskAppsRule } from '../rules/catalogue/app-governance/org_no_unaccepted_high_risk_apps.rule.ts';
import { rule as appActAsUser } from '../rules/catalogue/apps/app_act_as_user.rule.ts';
import { rule as appAdminCapability } from '../rules/catalogue/apps/app_admin_capability.rule.ts';
import { rule as appDataEgress } from '../rules/catalogue/apps/app_data_egress.rule.ts';
import { rule as appInactiveWithAccess } from '../rules/catalogue/apps/app_inactive_with_access.rule.ts';
import { rule as appLicenseExpiredInstalled } from '../rules/catalogue/apps/app_license_expired_installed.rule.ts';
import { rule as appNoTrustSignals } from '../rules/catalogue/apps/app_no_trust_signals.rule.ts';
import { appPermissionsChangedRule } from '../rules/catalogue/apps/app_permissions_changed.rule.ts';
import { rule as appUnlistedOrDevMode } from '../rules/catalogue/apps/app_unlisted_or_dev_mode.rule.ts';
import { rule as appUserInstalled } from '../rules/catalogue/apps/app_user_installed.rule.ts';
import { type EvaluateOptions, evaluateSnapshot } from '../rules/evaluate.ts';
import type { RuleResult } from '../rules/result.ts';
import type { Rule } from '../rules/rule.ts';
import { buildSnapshotView } from '../rules/snapshot/build-snapshot-view.ts';
import { SnapshotViewError } from '../rules/snapshot/errors.ts';
import type { SnapshotView } from '../rules/snapshot-view.ts';
import { APP_DATASETS, appSourcesOf } from './app-sources.ts';
import { diffFingerprints, fingerprintOf } from './classification/fingerprint.ts';
import { applyAutomaticChange, listClassifications } from './classification/repository.ts';
import { type AppClassification, type AutomaticChange, reconcile } from './classification/transitions.ts';
import { AppRiskError } from './errors.ts';
import { buildAppInventory } from './inventory.ts';
import type { AppRecord } from './model.ts';
import { evaluatePolicies } from './policy/evaluate-policies.ts';
import type { AppPolicy } from './policy/policy.ts';
import { listPolicies } from './policy/repository.ts';
import { listScoreOverrides } from './risk/overrides.ts';
import { type AppRisk, scoreApp } from './risk/score.ts';
import type { RiskWeights } from './risk/weights.ts';
import type { AppGovernanceEntry, AppGovernanceState } from './rule-support.ts';

// App governance over one stored snapshot, as a sync's follow-up, the CLI or a report runs it:
// inventory → classification reconciled (new apps recorded unreviewed; approved apps whose scopes,
// egress or version changed, or whose acceptance expired, moved to re-review and audited) → risk
// scored (manual overrides applied) → policies evaluated → the per-app rules (CHECKS.md group K,
// and the two group-D rules on Palisade's own state) run through the rule engine with that state.
// Every result is RuleResult shaped, so it flows into findings with the catalogue's results; for
// the rule ids in APP_RULE_IDS, these results replace the catalogue run's (which cannot see the
// governance state and answers `unknown` for the state-bound rules).

export interface EvaluateAppsOptions {
  now: Date;
  /** A complete snapshot version; the latest by default. */
  version?: number;
  /** Store what the reconciliation changed (default true). False: compute only, write nothing. */
  persist?: boolean;
  weights?: RiskWeights;
  /** Rule settings overrides by rule id (as evaluateSnapshot takes them). */
  settings?: EvaluateOptions['settings'];
}

export interface EvaluatedApp extends AppRecord {
  risk: AppRisk;
  classification: AppClassification;
  /** Failing and unknown policy results for this app. */
  policyViolations: RuleResult[];
  /** The app rules' results for its installations (one per rule, site and product). */
  checks: RuleResult[];
}

export interface AppEvaluation {
  connectionId: string;
  /** null when the connection has no complete snapshot yet. */
  snapshotVersion: number | null;
  evaluatedAt: string;
  apps: EvaluatedApp[];
  /** Every result: the app rules' and the policies' (pass, fail, unknown). */
  results: RuleResult[];
  /** Stored policies that no longer validate (not evaluated). */
  invalidPolicies: { id: string; error: string }[];
}

/** The app rules that read only the snapshot. */
export const SNAPSHOT_APP_RULES: readonly Rule[] = [
  appAdminCapability,
  appActAsUser,
  appDataEgress,
  appNoTrustSignals,
  appUserInstalled,
  appInactiveWithAccess,
  appUnlistedOrDevMode,
  appLicenseExpiredInstalled,
];

/** Every app rule, the state-bound ones bound to `state`. */
export function appRules(state: AppGovernanceState): Rule[] {
  return [
    ...SNAPSHOT_APP_RULES,
    appPermissionsChangedRule(state),
    orgAppsClassifiedRule(state),
    orgNoUnacceptedHighRiskAppsRule(state),
  ];
}

/** The rule ids evaluateApps decides: its results for these replace a plain catalogue run's. */
export const APP_RULE_IDS: readonly string[] = [
  ...SNAPSHOT_APP_RULES.map((r) => r.meta.id),
  'app_permissions_changed',
  'org_apps_classified',
  'org_no_unaccepted_high_risk_apps',
];

/** A catalogue run's results with the app rules' results replaced by evaluateApps'. */
export function mergeAppResults(catalogue: readonly RuleResult[], apps: AppEvaluation): RuleResult[] {
  const ids = new Set(APP_RULE_IDS);
  return [...catalogue.filter((r) => !ids.has(r.ruleId)), ...apps.results];
}

export async function evaluateApps(
  db: Kysely<Database>,
  connectionId: string,
  options: EvaluateAppsOptions,
): Promise<AppEvaluation> {
  const { now } = options;
  const [policyList, overrides] = await Promise.all([
    listPolicies(db, connectionId),
    listScoreOverrides(db, connectionId),
  ]);
  let view: SnapshotView;
  try {
    view = await buildSnapshotView(db, connectionId, {
      now,
      datasets: APP_DATASETS,
      ...(options.version === undefined ? {} : { version: options.version }),
    });
  } catch (error) {
    if (error instanceof SnapshotViewError && error.code === 'connection_not_found')
      throw new AppRiskError('connection_not_found', error.message);
    if (error instanceof SnapshotViewError && options.version === undefined) {
      // Nothing synced yet: nothing to govern.
      return {
        connectionId,
        snapshotVersion: null,
        evaluatedAt: now.toISOString(),
        apps: [],
        results: [],
        invalidPolicies: policyList.invalid,
      };
    }
    if (error instanceof SnapshotViewError) throw new AppRiskError('snapshot_not_found', error.message);
    throw error;
  }
  const sources = appSourcesOf(view);
  const inventory = buildAppInventory(sources.sites, sources.org);

  // Classification: reconcile with what is installed now; store the automatic steps.
  const stored = await listClassifications(db, connectionId);
  const classifications = new Map<string, AppClassification>();
  const pending: {
    previous: AppClassification | undefined;
    next: AppClassification;
    change: AutomaticChange;
  }[] = [];
  for (const app of inventory) {
    const previous = stored.get(app.appKey);
    const { next, change } = reconcile(previous, {
      connectionId,
      appKey: app.appKey,
      fingerprint: fingerprintOf(app),
      now,
    });
    classifications.set(app.appKey, next);
    if (change) pending.push({ previous, next, change });
  }
  if ((options.persist ?? true) && pending.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const p of pending) await applyAutomaticChange(trx, p.previous, p.next, p.change, now);
    });
    // A person may have decided in the meantime (the automatic step then stood down): read back.
    const fresh = await listClassifications(db, connectionId);
    for (const [key, c] of fresh) if (classifications.has(key)) classifications.set(key, c);
  }

  // Risk, then the governance state the state-bound rules read.
  const entries = new Map<string, AppGovernanceEntry>();
  for (const app of inventory) {
    const classification = classifications.get(app.appKey);
    const fingerprint = fingerprintOf(app);
    const approved = classification?.approvedFingerprint;
    entries.set(app.appKey, {
      classification,
      risk: scoreApp(app, {
        now,
        override: overrides.get(app.appKey),
        ...(options.weights ? { weights: options.weights } : {}),
      }),
      fingerprint,
      changes: approved ? diffFingerprints(approved, fingerprint) : [],
    });
  }
  const state: AppGovernanceState = { apps: entries };

  const policies: AppPolicy[] = policyList.policies.filter((p) => p.enabled).map((p) => p.policy);
  const policyResults = evaluatePolicies(
    policies,
    inventory.map((app) => {
      const entry = entries.get(app.appKey) as AppGovernanceEntry;
      return { app, risk: entry.risk, classification: entry.classification };
    }),
  );
  const ruleResults = evaluateSnapshot(
    appRules(state),
    view,
    options.settings ? { settings: options.settings } : {},
  ).results;

  const apps = inventory.map((app): EvaluatedApp => {
    const entry = entries.get(app.appKey) as AppGovernanceEntry;
    const ids = new Set(app.installations.map((i) => `${i.product}:${i.appKey}`));
    return {
      ...app,
      risk: entry.risk,
      classification: entry.classification as AppClassification,
      policyViolations: policyResults.filter(
        (r) => r.resource.id === app.appKey && (r.status === 'fail' || r.status === 'unknown'),
      ),
      checks: ruleResults.filter((r) => r.resource.type === 'app' && ids.has(r.resource.id)),
    };
  });
  return {
    connectionId,
    snapshotVersion: view.version,
    evaluatedAt: now.toISOString(),
    apps,
    results: [...ruleResults, ...policyResults],
    invalidPolicies: policyList.invalid,
  };
}
