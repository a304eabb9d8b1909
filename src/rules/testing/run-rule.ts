import { type EvaluateOptions, evaluateSnapshot } from '../evaluate.ts';
import type { RuleResult } from '../result.ts';
import type { Rule } from '../rule.ts';
import type { SnapshotView } from '../snapshot-view.ts';

/** One rule through the whole engine (gates, requirements, partial data), as a scan would run it. */
export function runRule(rule: Rule, snapshot: SnapshotView, options: EvaluateOptions = {}): RuleResult[] {
  return evaluateSnapshot([rule], snapshot, options).results;
}

/** `[status, resource id]` pairs: compact assertions on what a rule decided. */
export function verdicts(results: readonly RuleResult[]): [string, string][] {
  return results.map((r) => [r.status, r.resource.id]);
}
