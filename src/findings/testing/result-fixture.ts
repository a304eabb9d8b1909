import type { ResultStatus, RuleResult } from '../../rules/result.ts';

// Results written by hand for the findings tests: `result('rule_a', 'p1', 'fail')` is a complete
// evaluation's verdict on resource p1 (an org-scoped project unless `scope` says otherwise).

export function result(
  ruleId: string,
  id: string,
  status: ResultStatus,
  extra: Partial<Omit<RuleResult, 'resource'>> & { scope?: string } = {},
): RuleResult {
  const { scope = 'org', ...rest } = extra;
  return {
    ruleId,
    resource: { type: 'project', id, scope },
    status,
    message: `${id} ${status}`,
    basis: 'complete',
    ...rest,
  };
}

/** What the engine emits for a scope it could not evaluate (dataset forbidden, plan unknown…). */
export function scopeUnknown(ruleId: string, scope = 'org'): RuleResult {
  return {
    ruleId,
    resource: { type: scope === 'org' ? 'org' : 'site', id: scope === 'org' ? 'org-1' : scope, scope },
    status: 'unknown',
    message: 'Palisade was not allowed to read jira.projects.',
    basis: 'none',
    reasons: [
      { code: 'dataset_forbidden', dataset: 'jira.projects', scope, missingScope: null, detail: null },
    ],
  };
}
