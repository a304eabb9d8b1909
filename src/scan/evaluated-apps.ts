import type { AppRecord } from '../app-risk/model/app.ts';
import type { AppClassification } from '../app-risk/model/classification.ts';
import type { AppBan } from '../app-risk/model/governance.ts';
import type { AppRisk } from '../app-risk/model/score.ts';
import type { AppGovernance } from '../rules/app-governance.ts';
import { policyRuleId } from '../rules/app-policy.ts';
import type { RuleResult } from '../rules/result.ts';

// Each app of the governance state with what the evaluation said about it: the per-app rules'
// results for its installations and the policies it breaks or cannot be cleared of.

export interface EvaluatedApp extends AppRecord {
  risk: AppRisk;
  classification: AppClassification;
  /** Failing and unknown policy results for this app. */
  policyViolations: RuleResult[];
  /** The per-app rules' results for its installations (one per rule, site and product). */
  checks: RuleResult[];
  /** On the organization's deny-list (null when not banned). */
  ban: AppBan | null;
}

export function evaluatedApps(governance: AppGovernance, results: readonly RuleResult[]): EvaluatedApp[] {
  const policies = new Set(governance.policies.map((p) => policyRuleId(p.id)));
  // The app key each app resource id stands for: `<product>:<appKey>` (the per-app rules'
  // results, one per installation), `<appKey>` on a Data Center site (the dc.plugins rules': one
  // instance, one product) or `<appKey>` (the policies').
  const appOf = new Map<string, string>();
  for (const { app } of governance.apps.values()) {
    for (const i of app.installations) {
      appOf.set(i.dataCenter ? i.appKey : `${i.product}:${i.appKey}`, app.appKey);
    }
  }
  const checks = new Map<string, RuleResult[]>();
  const violations = new Map<string, RuleResult[]>();
  for (const r of results) {
    if (r.resource.type !== 'app') continue;
    if (policies.has(r.ruleId)) {
      if (r.status === 'fail' || r.status === 'unknown') push(violations, r.resource.id, r);
      continue;
    }
    const appKey = appOf.get(r.resource.id);
    if (appKey !== undefined) push(checks, appKey, r);
  }
  return [...governance.apps.values()].map(
    ({ app, risk, classification, ban }): EvaluatedApp => ({
      ...app,
      risk,
      // Every app of a reconciled inventory has one (unreviewed when first seen).
      classification: classification as AppClassification,
      policyViolations: violations.get(app.appKey) ?? [],
      checks: checks.get(app.appKey) ?? [],
      ban: ban ?? null,
    }),
  );
}

function push(map: Map<string, RuleResult[]>, key: string, result: RuleResult): void {
  const list = map.get(key);
  if (list) list.push(result);
  else map.set(key, [result]);
}
