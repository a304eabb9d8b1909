import { defineRule } from '../../define-rule.ts';
import { BRANCH_DOCS, BRANCH_STEPS, judgeMainBranches, MAIN_BRANCH_RULE } from './main-branch.ts';

export const rule = defineRule({
  id: 'bb_branch_deletion_blocked',
  title: 'Nobody can delete a repository’s main branch',
  severity: 'medium',
  ...MAIN_BRANCH_RULE,
  description:
    'Reads each repository’s branch restrictions and passes when a `delete` restriction covers the main branch. ' +
    'Without one, anyone with write access can delete the branch.',
  risk:
    'Deleting the main branch — by mistake or to cover tracks — breaks builds and deployments and can lose ' +
    'commits that exist nowhere else.',
  remediation: {
    ui: [
      BRANCH_STEPS.open,
      'Edit (or add) the restriction for the main branch and make sure "Allow deleting this branch" is not selected; save.',
    ],
    api: [BRANCH_STEPS.add('delete')],
  },
  references: [BRANCH_DOCS.permissions, BRANCH_DOCS.api],
  compliance: {
    'cis-controls-v8': ['16.1'],
    'nist-800-53-r5': ['CM-5'],
    'iso-27001-2022': ['A.8.4', 'A.8.32'],
    soc2: ['CC8.1'],
  },
  evaluate(ctx) {
    return judgeMainBranches(ctx, 'delete', {
      met: 'deleting the branch is blocked',
      unmet: 'anyone with write access can delete the branch (no `delete` restriction covers it)',
    });
  },
});
