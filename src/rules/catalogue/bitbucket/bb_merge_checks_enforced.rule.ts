import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { BRANCH_DOCS, BRANCH_STEPS, MAIN_BRANCH_RULE } from './main-branch.ts';
import {
  type BranchRestriction,
  mainBranchCoverage,
  repositoryResource,
  restrictionEvidence,
  restrictionsByRepository,
} from './workspace.ts';

/** Each check the rule asks of the main branch, and how a failing result names its absence. */
const CHECKS = [
  { kinds: ['require_passing_builds_to_merge'], missing: 'passing builds are not required' },
  {
    kinds: ['reset_pullrequest_approvals_on_change', 'smart_reset_pullrequest_approvals'],
    missing: 'approvals are not reset when the pull request changes',
  },
] as const;

const ENFORCE = 'enforce_merge_checks';

export const rule = defineRule({
  id: 'bb_merge_checks_enforced',
  title:
    'Merges into each main branch need passing builds, and approvals reset when the pull request changes',
  severity: 'medium',
  ...MAIN_BRANCH_RULE,
  description:
    'Reads each repository’s branch restrictions and passes when merge checks covering the main branch require ' +
    'passing builds (`require_passing_builds_to_merge`) and reset approvals when the source branch changes ' +
    '(`reset_pullrequest_approvals_on_change` or `smart_reset_pullrequest_approvals`). Merge checks only block ' +
    'a merge on Bitbucket Premium with `enforce_merge_checks`; elsewhere they warn. The Bitbucket API does not ' +
    'say which plan a workspace is on, so enforcement is judged only when the `requireEnforcement` setting is on ' +
    '(turn it on for Premium workspaces).',
  risk:
    'Without these checks a change can be approved, then altered before it is merged, or merged while its build ' +
    'fails: the reviewed code is not the code that ships.',
  remediation: {
    ui: [
      BRANCH_STEPS.open,
      'Edit (or add) the restriction for the main branch; on the Merge settings tab select "Minimum number of successful builds for the last commit" and "Reset requested changes/approvals when the source branch is modified".',
      'On Premium, also select "Prevent a merge with unresolved merge checks"; save.',
    ],
    api: [
      `${BRANCH_STEPS.post} once per kind: ` +
        '{"kind": "require_passing_builds_to_merge", "value": 1, "branch_match_kind": "glob", "pattern": "<main branch>"}, ' +
        '{"kind": "reset_pullrequest_approvals_on_change", …} and, on Premium, {"kind": "enforce_merge_checks", …}.',
    ],
  },
  references: [BRANCH_DOCS.mergeChecks, BRANCH_DOCS.api],
  compliance: {
    'cis-controls-v8': ['16.1'],
    'nist-800-53-r5': ['CM-3'],
    'iso-27001-2022': ['A.8.32'],
    soc2: ['CC8.1'],
  },
  settings: z.object({
    requireEnforcement: z
      .boolean()
      .default(false)
      .describe('Also require `enforce_merge_checks` (Premium only: the checks then block the merge).'),
  }),
  evaluate(ctx) {
    const byRepo = restrictionsByRepository(ctx.items('bitbucket.branch-restrictions'));
    const checks: { kinds: readonly string[]; missing: string }[] = [...CHECKS];
    if (ctx.settings.requireEnforcement)
      checks.push({ kinds: [ENFORCE], missing: 'merge checks are not enforced (they only warn)' });
    return ctx.items('bitbucket.repositories').map((repo): RuleOutcome => {
      const resource = repositoryResource(repo);
      const restrictions = byRepo.get(repo.fullName) ?? [];
      if (repo.mainBranch === null)
        return notApplicable(resource, `${repo.fullName} is empty: it has no main branch yet.`);
      const missing: string[] = [];
      const undecided: string[] = [];
      const found: BranchRestriction[] = [];
      for (const check of checks) {
        const coverages = check.kinds.map((kind) =>
          mainBranchCoverage(
            repo,
            restrictions,
            kind,
            (r) => r.kind !== 'require_passing_builds_to_merge' || (r.value ?? 0) >= 1,
          ),
        );
        const met = coverages.find((c) => c.status === 'met');
        if (met) found.push(...met.restrictions);
        else if (coverages.some((c) => c.status === 'undecided')) undecided.push(check.missing);
        else missing.push(check.missing);
      }
      const enforced = restrictions.some((r) => r.kind === ENFORCE && r.appliesToMainBranch === true);
      const evidence = { mainBranch: repo.mainBranch, enforced, restrictions: restrictionEvidence(found) };
      const branch = `${repo.fullName}:${repo.mainBranch}`;
      if (missing.length > 0) return fail(resource, `On ${branch}, ${missing.join('; ')}.`, evidence);
      if (undecided.length > 0)
        return unknown(
          resource,
          `${repo.fullName} has merge checks by branch type whose reach could not be read (its branching model was unreadable).`,
          evidence,
        );
      const how = enforced ? 'enforced' : 'warnings only, not enforced';
      return pass(
        resource,
        `On ${branch}, merges need passing builds and fresh approvals (${how}).`,
        evidence,
      );
    });
  },
});
