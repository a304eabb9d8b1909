import type { SubjectValue } from '../../attestation-subjects.ts';
import { fail, pass, type RuleOutcome, type RuleResource, unknown } from '../../outcome.ts';
import type { Evidence } from '../../result.ts';

// Shared by the rules that read the attested authentication policies (no public API reads them,
// ACCESS-1838): which policies matter, and how a policy's list of problems becomes one verdict.

export type AuthPolicy = SubjectValue<'attested.authentication-policies'>['policies'][number];

export function policyResource(policy: AuthPolicy): RuleResource {
  return { type: 'authentication-policy', id: policy.name, name: policy.name };
}

/**
 * The policy applies to someone: the default one (new and newly claimed accounts land in it, even
 * while it is empty), or one with members. An unrecorded member count counts as members.
 */
export function inUse(policy: AuthPolicy): boolean {
  return policy.isDefault || policy.members === undefined || policy.members > 0;
}

export interface Judgement {
  /** What is wrong, each a phrase ("2SV is optional"). */
  problems: string[];
  /** What the verdict needs but nobody recorded ("the attested idle session duration"). */
  gaps: string[];
}

/**
 * One verdict from what was found: any problem fails (a gap elsewhere cannot excuse it), else a
 * gap makes it unknown (missing data is never a pass), else it passes.
 */
export function judge(
  resource: RuleResource,
  label: string,
  { problems, gaps }: Judgement,
  passMessage: string,
  evidence: Evidence,
): RuleOutcome {
  if (problems.length > 0) return fail(resource, `${label}: ${problems.join('; ')}.`, evidence);
  if (gaps.length > 0) {
    return unknown(resource, `${label}: cannot decide without ${gaps.join(', ')}.`, evidence);
  }
  return pass(resource, passMessage, evidence);
}
