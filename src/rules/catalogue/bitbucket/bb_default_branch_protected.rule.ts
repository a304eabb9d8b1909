import { defineRule } from '../../define-rule.ts';
import { BRANCH_DOCS, BRANCH_STEPS, judgeMainBranches, MAIN_BRANCH_RULE } from './main-branch.ts';

export const rule = defineRule({
  id: 'bb_default_branch_protected',
  title: 'Only named people or groups can push directly to each repository’s main branch',
  severity: 'high',
  ...MAIN_BRANCH_RULE,
  description:
    'Reads each repository’s main branch (`mainbranch`) and its branch restrictions ' +
    '(`GET /2.0/repositories/{workspace}/{repo_slug}/branch-restrictions`, with the branching model for ' +
    'restrictions by branch type), and passes when a `push` restriction covers the main branch, so only the ' +
    'users and groups it names (or nobody) can write to it directly; everyone else goes through a pull request. ' +
    'Empty repositories have no main branch and are not applicable.',
  risk:
    'Without a write restriction, anyone with write access to the repository — or a stolen token of theirs — can ' +
    'push unreviewed code straight to the branch that is built and deployed.',
  remediation: {
    ui: [
      BRANCH_STEPS.open,
      'Select Add a branch restriction, choose the main branch by name (or the Development/Production branch type).',
      'Under Write access, leave only the release managers or an empty list, so changes arrive through pull requests; save.',
      'To cover every repository of a project at once, add the restriction in the project settings (project-level branch restrictions).',
    ],
    api: [BRANCH_STEPS.add('push', { users: [], groups: [] })],
  },
  references: [BRANCH_DOCS.permissions, BRANCH_DOCS.api],
  compliance: {
    'cis-controls-v8': ['16.1'],
    'nist-800-53-r5': ['CM-3', 'CM-5'],
    'iso-27001-2022': ['A.8.4', 'A.8.32'],
    soc2: ['CC8.1'],
  },
  evaluate(ctx) {
    return judgeMainBranches(ctx, 'push', {
      met: 'direct pushes are limited to the people and groups a `push` restriction names',
      unmet: 'anyone with write access can push directly (no `push` restriction covers it)',
    });
  },
});
