import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome } from '../../outcome.ts';
import { deployKeyEvidence, deployKeyResource } from './deploy-keys.ts';
import { daysSince } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_deploy_keys_used',
  title: 'No access key has gone unused for more than 90 days',
  area: 'bitbucket',
  severity: 'low',
  scope: 'site',
  resourceType: 'deploy-key',
  requires: ['bitbucket.deploy-keys'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads every access (deploy) key of the workspace’s repositories and projects with its last use ' +
    '(`last_used`) and fails each one last used longer ago than the configured number of days (90 by default), ' +
    'or with no recorded use although it was added more than a grace period ago (7 days).',
  risk:
    'A key nothing uses any more still opens the repository to whoever holds a copy of its private half, ' +
    'typically an old build server or a former employee’s laptop.',
  remediation: {
    ui: [
      'In Bitbucket, open the repository (or project) settings → Access keys.',
      'Confirm with the key’s owner that nothing uses it, then delete it.',
    ],
    api: ['DELETE https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/deploy-keys/{key_id}.'],
  },
  references: [
    { title: 'Add access keys', url: 'https://support.atlassian.com/bitbucket-cloud/docs/add-access-keys/' },
    {
      title: 'Bitbucket Cloud REST API: deploy keys (deployments)',
      url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-deployments/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.3', '5.5'],
    'nist-800-53-r5': ['IA-5', 'AC-2(3)'],
    'iso-27001-2022': ['A.5.17', 'A.5.18'],
    soc2: ['CC6.2'],
  },
  settings: z.object({
    maxUnusedDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Days without use before a key is stale.'),
    neverUsedGraceDays: z
      .number()
      .int()
      .nonnegative()
      .default(7)
      .describe('Days a new key may exist before its first use without counting as unused.'),
  }),
  evaluate(ctx) {
    const { maxUnusedDays, neverUsedGraceDays } = ctx.settings;
    return ctx.items('bitbucket.deploy-keys').map((key): RuleOutcome => {
      const resource = deployKeyResource(key);
      const evidence = deployKeyEvidence(key);
      if (key.lastUsed !== null) {
        const idle = daysSince(key.lastUsed, ctx.now);
        if (idle > maxUnusedDays)
          return fail(resource, `${resource.name} was last used ${idle} days ago.`, evidence);
        return pass(resource, `${resource.name} was used ${idle} days ago.`, evidence);
      }
      const age = key.addedOn === null ? null : daysSince(key.addedOn, ctx.now);
      if (age !== null && age <= neverUsedGraceDays)
        return pass(
          resource,
          `${resource.name} was added ${age} days ago and has not been used yet.`,
          evidence,
        );
      const since = age === null ? '' : ` in the ${age} days since it was added`;
      return fail(resource, `${resource.name} has no recorded use${since}.`, evidence);
    });
  },
});
