import { type AppPolicy, conditionOf, policyRuleId } from './app-policy.ts';
import { matchCondition, type PolicySubject } from './app-policy-match.ts';
import type { ResultReason, RuleResult } from './result.ts';
import type { RuleMeta } from './rule-meta.ts';

// The organization's app policies (part of the governance state the engine takes): each is a rule
// the organization wrote, with rule id `app_policy:<id>`, one result per app (resource `app` in the
// org scope), so its results flow with the catalogue's into exceptions, findings and reports. A
// test whose data is missing makes the result `unknown`, never a pass (app-risk/model/policy-match.ts).

export function evaluatePolicies(
  policies: readonly AppPolicy[],
  subjects: Iterable<PolicySubject>,
): RuleResult[] {
  const apps = [...subjects];
  const results: RuleResult[] = [];
  for (const policy of policies) {
    const condition = conditionOf(policy);
    const ruleId = policyRuleId(policy.id);
    for (const subject of apps) {
      const { app } = subject;
      const v = matchCondition(condition, subject);
      const resource = { type: 'app' as const, id: app.appKey, name: app.name, scope: 'org' };
      if (v.value === true) {
        results.push({
          ruleId,
          resource,
          status: 'fail',
          message: `${app.name} violates the policy "${policy.description}".`,
          basis: 'complete',
          evidence: { policy: policy.id, severity: policy.severity, matched: v.evidence },
        });
      } else if (v.value === false) {
        results.push({
          ruleId,
          resource,
          status: 'pass',
          message: `${app.name} complies with the policy "${policy.description}".`,
          basis: 'complete',
          evidence: { policy: policy.id },
        });
      } else {
        const reasons: ResultReason[] = [{ code: 'rule_reported', detail: v.why ?? 'data missing' }];
        results.push({
          ruleId,
          resource,
          status: 'unknown',
          message: `Whether ${app.name} complies with "${policy.description}" is unknown: ${v.why}.`,
          basis: 'complete',
          reasons,
          evidence: { policy: policy.id },
        });
      }
    }
  }
  return results;
}

/** A policy's metadata, as the posture score, findings and reports read a rule's. */
export function policyMeta(policy: AppPolicy): RuleMeta {
  return {
    id: policyRuleId(policy.id),
    title: policy.description,
    area: 'apps',
    severity: policy.severity,
    scope: 'org',
    resourceType: 'app',
    requires: ['apps.installations'],
    requiresOneOf: [],
    optional: [],
    plan: 'any',
    credential: 'none',
    description: `App policy ${policy.id}: ${JSON.stringify(conditionOf(policy))}`,
    risk: 'An installed app breaks a policy your organization set for third-party apps.',
    remediation: {
      ui: [
        'Review the app against the policy in Palisade (palisade apps show <app-key>).',
        'Remove or disable the app, or accept the risk with an exception if the policy should not apply.',
      ],
      api: null,
    },
    references: [
      {
        title: 'Manage your apps',
        url: 'https://support.atlassian.com/organization-administration/docs/manage-your-apps/',
      },
    ],
    compliance: {},
  };
}
