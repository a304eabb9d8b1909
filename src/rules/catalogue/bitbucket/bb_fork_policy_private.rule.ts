import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { repositoryResource } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_fork_policy_private',
  title: 'Private repositories cannot be forked outside the workspace',
  area: 'bitbucket',
  severity: 'medium',
  scope: 'site',
  resourceType: 'repository',
  requires: ['bitbucket.repositories', 'bitbucket.workspace'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads the workspace’s forking mode (`forking_mode`) and each private repository’s fork policy ' +
    '(`fork_policy`). A private repository passes when the workspace keeps forks inside it (`internal_only`) or ' +
    'the repository allows no forks (`no_forks`); it fails when its policy lets anyone who can read it fork it ' +
    'into another workspace (`no_public_forks`, `allow_forks`). Public repositories are left to bb_no_public_repos.',
  risk:
    'A fork in someone’s personal or another company’s workspace is a full copy of the code and its history ' +
    'that your workspace’s permissions, access controls and offboarding no longer reach.',
  remediation: {
    ui: [
      'In Bitbucket, open Workspace settings and set the workspace forking policy to allow forks only within the workspace (forking mode internal_only).',
      'Or, per repository: Repository settings → Repository details → Forking: "No forks", then Save repository details.',
    ],
    api: [
      'Per repository: PUT https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug} with {"fork_policy": "no_forks"}.',
    ],
  },
  references: [
    {
      title: 'Set repository privacy and forking options',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/set-repository-privacy-and-forking-options/',
    },
    {
      title: 'Bitbucket Cloud REST API: workspaces (forking_mode)',
      url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-workspaces/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-3', 'AC-21'],
    'iso-27001-2022': ['A.8.4', 'A.8.12'],
    soc2: ['CC6.1'],
  },
  evaluate(ctx) {
    const [workspace] = ctx.items('bitbucket.workspace');
    const mode = workspace?.forkingMode ?? null;
    const internalOnly = mode === 'internal_only';
    return ctx
      .items('bitbucket.repositories')
      .filter((repo) => repo.isPrivate)
      .map((repo): RuleOutcome => {
        const resource = repositoryResource(repo);
        const evidence = { forkPolicy: repo.forkPolicy, workspaceForkingMode: mode };
        if (internalOnly)
          return pass(
            resource,
            `${repo.fullName} can only be forked within the workspace (workspace setting).`,
            evidence,
          );
        if (repo.forkPolicy === 'no_forks')
          return pass(resource, `${repo.fullName} cannot be forked.`, evidence);
        if (repo.forkPolicy === null)
          return unknown(resource, `Bitbucket did not send the fork policy of ${repo.fullName}.`, evidence);
        if (mode === null)
          return unknown(
            resource,
            `${repo.fullName} allows private forks, and the workspace’s forking mode was not sent, so whether they may leave the workspace is unknown.`,
            evidence,
          );
        return fail(
          resource,
          `${repo.fullName} can be forked into other workspaces (fork policy ${repo.forkPolicy}, workspace forking ${mode}).`,
          evidence,
        );
      });
  },
});
