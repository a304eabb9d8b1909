import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { BRANCH_DOCS, BRANCH_STEPS, judgeMainBranches, MAIN_BRANCH_RULE } from './main-branch.ts';

export const rule = defineRule({
  id: 'bb_default_branch_reviews_required',
  title: 'Pull requests into each repository’s main branch need at least one approval',
  severity: 'high',
  ...MAIN_BRANCH_RULE,
  description:
    'Reads each repository’s branch restrictions and passes when a `require_approvals_to_merge` merge check ' +
    'covers the main branch with at least the configured number of approvals (1 by default). Merge checks only ' +
    'block a merge on Premium with "enforce merge checks" (see bb_merge_checks_enforced); elsewhere they warn.',
  risk:
    'Without a required approval, one person — or one stolen account — can merge any change into the branch ' +
    'that ships, with nobody else ever reading it.',
  remediation: {
    ui: [
      BRANCH_STEPS.open,
      'Edit (or add) the restriction for the main branch; on the Merge settings tab select "Minimum number of approvals" and set it; save.',
    ],
    api: [BRANCH_STEPS.add('require_approvals_to_merge', { value: 1 })],
  },
  references: [BRANCH_DOCS.mergeChecks, BRANCH_DOCS.api],
  compliance: {
    'cis-controls-v8': ['16.1'],
    'nist-800-53-r5': ['CM-3', 'AC-5'],
    'iso-27001-2022': ['A.8.32', 'A.5.3'],
    soc2: ['CC8.1'],
  },
  settings: z.object({
    minApprovals: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe('Fewest approvals a pull request into the main branch needs.'),
  }),
  evaluate(ctx) {
    const { minApprovals } = ctx.settings;
    return judgeMainBranches(
      ctx,
      'require_approvals_to_merge',
      {
        met: `pull requests need at least ${minApprovals} approval(s)`,
        unmet: `pull requests can merge with fewer than ${minApprovals} approval(s)`,
      },
      (r) => (r.value ?? 0) >= minApprovals,
    );
  },
});
