import { defineRule } from '../../define-rule.ts';
import { judgeMainBranches } from './main-branch.ts';

export const rule = defineRule({
  id: 'bb_branch_deletion_blocked',
  title: 'Nobody can delete a repository’s main branch',
  area: 'bitbucket',
  severity: 'medium',
  scope: 'site',
  resourceType: 'repository',
  requires: ['bitbucket.repositories', 'bitbucket.branch-restrictions'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads each repository’s branch restrictions and passes when a `delete` restriction covers the main branch. ' +
    'Without one, anyone with write access can delete the branch.',
  risk:
    'Deleting the main branch — by mistake or to cover tracks — breaks builds and deployments and can lose ' +
    'commits that exist nowhere else.',
  remediation: {
    ui: [
      'In Bitbucket, open the repository and select Repository settings → Branch restrictions.',
      'Edit (or add) the restriction for the main branch and make sure "Allow deleting this branch" is not selected; save.',
    ],
    api: [
      'POST https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/branch-restrictions with ' +
        '{"kind": "delete", "branch_match_kind": "glob", "pattern": "<main branch>"}.',
    ],
  },
  references: [
    {
      title: 'Use branch permissions',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/use-branch-permissions/',
    },
    {
      title: 'Bitbucket Cloud REST API: branch restrictions',
      url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-branch-restrictions/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['16.1'],
    'nist-800-53-r5': ['CM-5'],
    'iso-27001-2022': ['A.8.4', 'A.8.32'],
    soc2: ['CC8.1'],
  },
  evaluate(ctx) {
    return judgeMainBranches(
      ctx.items('bitbucket.repositories'),
      ctx.items('bitbucket.branch-restrictions'),
      'delete',
      {
        met: 'deleting the branch is blocked',
        unmet: 'anyone with write access can delete the branch (no `delete` restriction covers it)',
      },
    );
  },
});
