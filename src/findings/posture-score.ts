import { AREAS, type Product } from '../rules/areas.ts';
import type { RuleResult } from '../rules/result.ts';
import type { RuleMeta } from '../rules/rule-meta.ts';
import type { Severity } from '../rules/severity.ts';

// The posture score: the severity-weighted share of rules met, per organization, site and
// product. The formula and its reasons are in docs/scoring.md; keep the two in step.

export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 6,
  medium: 3,
  low: 1,
};

export type RuleVerdict = 'pass' | 'fail' | 'unknown' | 'excepted' | 'not_applicable';

export interface ScoreBreakdown {
  /** 0–100, rounded; null when no rule counted (everything not applicable or excepted). */
  score: number | null;
  earned: number;
  possible: number;
  /** Rules by their verdict in this scope. */
  rules: Record<RuleVerdict, number>;
}

export interface PostureScores {
  org: ScoreBreakdown;
  /** By site cloud id: the site-scoped rules' results on that site. */
  sites: Record<string, ScoreBreakdown>;
  /** By product (the rule's area's product), across the organization. */
  products: Partial<Record<Product, ScoreBreakdown>>;
}

type ScoredRule = Pick<RuleMeta, 'id' | 'severity' | 'area'>;

/** What scoring reads of a result: its rule, its status and its scope (`org` or a site's cloud id). */
export type ScoredResult = Pick<RuleResult, 'ruleId' | 'status'> & {
  resource: Pick<RuleResult['resource'], 'scope'>;
};

/**
 * A rule's verdict over some of its results: failing anywhere fails it, then any unknown makes it
 * unknown (never a pass); excepted and not-applicable results drop out.
 */
export function ruleVerdict(statuses: readonly RuleResult['status'][]): RuleVerdict {
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('unknown')) return 'unknown';
  if (statuses.includes('pass')) return 'pass';
  if (statuses.includes('excepted')) return 'excepted';
  return 'not_applicable';
}

/** The score of one set of results (one organization, one site, one product…). */
export function scoreResults(results: readonly ScoredResult[], rules: readonly ScoredRule[]): ScoreBreakdown {
  // Built by pushing, not by copying the list per result: a rule has up to one result per user.
  const byRule = new Map<string, RuleResult['status'][]>();
  for (const r of results) {
    const statuses = byRule.get(r.ruleId);
    if (statuses) statuses.push(r.status);
    else byRule.set(r.ruleId, [r.status]);
  }
  const breakdown: ScoreBreakdown = {
    score: null,
    earned: 0,
    possible: 0,
    rules: { pass: 0, fail: 0, unknown: 0, excepted: 0, not_applicable: 0 },
  };
  for (const rule of rules) {
    const statuses = byRule.get(rule.id);
    if (!statuses) continue;
    const verdict = ruleVerdict(statuses);
    breakdown.rules[verdict] += 1;
    if (verdict === 'excepted' || verdict === 'not_applicable') continue;
    const weight = SEVERITY_WEIGHTS[rule.severity];
    breakdown.possible += weight;
    if (verdict === 'pass') breakdown.earned += weight;
  }
  if (breakdown.possible > 0) breakdown.score = Math.round((100 * breakdown.earned) / breakdown.possible);
  return breakdown;
}

export function postureScores(results: readonly ScoredResult[], rules: readonly ScoredRule[]): PostureScores {
  const sites: Record<string, ScoreBreakdown> = {};
  const siteIds = [...new Set(results.map((r) => r.resource.scope).filter((s) => s !== 'org'))].sort();
  for (const cloudId of siteIds) {
    sites[cloudId] = scoreResults(
      results.filter((r) => r.resource.scope === cloudId),
      rules,
    );
  }
  const products: Partial<Record<Product, ScoreBreakdown>> = {};
  const productOf = new Map(rules.map((r) => [r.id, AREAS[r.area].product]));
  for (const product of new Set(results.map((r) => productOf.get(r.ruleId)))) {
    if (product === undefined) continue;
    products[product] = scoreResults(
      results.filter((r) => productOf.get(r.ruleId) === product),
      rules,
    );
  }
  return { org: scoreResults(results, rules), sites, products };
}
