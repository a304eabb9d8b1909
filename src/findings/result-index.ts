import { type RuleResult, resultKey } from '../rules/result.ts';

// Lookups over one evaluation's results that the diff and the findings tracker share. The key
// question: when a failing resource is absent from the next evaluation, was it fixed (the rule ran
// on complete data and the resource is no longer there) or just not seen (the scope is `unknown`)?

export interface ResultIndex {
  byKey: Map<string, RuleResult>;
  /** `ruleId|scope` pairs where the rule ran on complete data. */
  completeScopes: Set<string>;
  /** `ruleId|scope` → the result the engine gave instead of running the rule (unknown, not applicable). */
  engineResults: Map<string, RuleResult>;
}

export function scopeKey(ruleId: string, scope: string): string {
  return `${ruleId}|${scope}`;
}

export function indexResults(results: readonly RuleResult[]): ResultIndex {
  const index: ResultIndex = { byKey: new Map(), completeScopes: new Set(), engineResults: new Map() };
  for (const r of results) {
    index.byKey.set(resultKey(r), r);
    const scope = scopeKey(r.ruleId, r.resource.scope);
    if (r.basis === 'complete') index.completeScopes.add(scope);
    else if (r.basis === 'none') index.engineResults.set(scope, r);
  }
  return index;
}

/** `fail` or `excepted`: the resource does not meet the rule (whether or not the risk is accepted). */
export function isFailing(status: RuleResult['status'] | undefined): boolean {
  return status === 'fail' || status === 'excepted';
}

/** Evidence compared by content, whatever the key order. */
export function sameEvidence(a: RuleResult['evidence'], b: RuleResult['evidence']): boolean {
  return canonical(a ?? null) === canonical(b ?? null);
}

/** The top-level evidence fields whose content differs, in name order, with both values. */
export function changedEvidence(
  a: RuleResult['evidence'],
  b: RuleResult['evidence'],
): { field: string; previous: unknown; current: unknown }[] {
  const before: Record<string, unknown> = a ?? {};
  const after: Record<string, unknown> = b ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .sort()
    .filter((field) => canonical(before[field] ?? null) !== canonical(after[field] ?? null))
    .map((field) => ({ field, previous: before[field] ?? null, current: after[field] ?? null }));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
