import { defineRule } from '../../define-rule.ts';
import { BRANCH_DOCS, BRANCH_STEPS, judgeMainBranches, MAIN_BRANCH_RULE } from './main-branch.ts';

export const rule = defineRule({
  id: 'bb_force_push_blocked',
  title: 'Nobody can force-push (rewrite history) on a repository’s main branch',
  severity: 'high',
  ...MAIN_BRANCH_RULE,
  description:
    'Reads each repository’s branch restrictions and passes when a `force` restriction covers the main branch. ' +
    'In Bitbucket Cloud a `force` restriction is what prevents force pushes: a branch without one lets anyone ' +
    'with write access rewrite its history.',
  risk:
    'A force push rewrites the main branch: reviewed commits disappear, malicious changes can be slipped under ' +
    'an approved history, and the audit trail of what was built and deployed is lost.',
  remediation: {
    ui: [
      BRANCH_STEPS.open,
      'Edit (or add) the restriction for the main branch and make sure "Allow rewriting branch history" is not selected for anyone; save.',
    ],
    api: [BRANCH_STEPS.add('force')],
  },
  references: [BRANCH_DOCS.permissions, BRANCH_DOCS.api],
  compliance: {
    'cis-controls-v8': ['16.1'],
    'nist-800-53-r5': ['CM-3', 'CM-5'],
    'iso-27001-2022': ['A.8.4', 'A.8.32'],
    soc2: ['CC8.1'],
  },
  evaluate(ctx) {
    return judgeMainBranches(ctx, 'force', {
      met: 'force pushes are blocked',
      unmet:
        'anyone with write access can force-push and rewrite its history (no `force` restriction covers it)',
    });
  },
});
