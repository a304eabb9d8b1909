import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';
import { daysSince, repositoryResource } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_stale_repos_archived',
  title: 'No repository has gone unchanged for more than 12 months without review',
  area: 'bitbucket',
  severity: 'low',
  scope: 'site',
  resourceType: 'repository',
  requires: ['bitbucket.repositories'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads each repository’s last change (`updated_on`: a push or a settings change) and fails the ones ' +
    'unchanged for longer than the configured number of months (12 by default). Bitbucket Cloud has no archive ' +
    'state, so a stale repository that must stay is recorded as an exception with its owner and reason.',
  risk:
    'Forgotten repositories keep old secrets, deploy keys, webhooks and member access nobody reviews any more, ' +
    'and code nobody patches.',
  remediation: {
    ui: [
      'Ask the repository’s project owner whether it is still needed.',
      'If not: back it up (clone --mirror), then Repository settings → Repository details → Manage repository → Delete repository.',
      'If it must stay: remove its access keys, webhooks and variables, limit its user and group access to read, and record an exception in Palisade.',
    ],
    api: ['Delete it: DELETE https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}.'],
  },
  references: [
    {
      title: 'Delete a repository',
      url: 'https://support.atlassian.com/bitbucket-cloud/docs/delete-a-repository/',
    },
    {
      title: 'Bitbucket Cloud REST API: repositories',
      url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-repositories/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.1', '3.4'],
    'nist-800-53-r5': ['CM-8', 'CM-7'],
    'iso-27001-2022': ['A.5.9'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    staleMonths: z
      .number()
      .int()
      .positive()
      .default(12)
      .describe('Months without a change before a repository is stale.'),
  }),
  evaluate(ctx) {
    const { staleMonths } = ctx.settings;
    const cutoff = new Date(ctx.now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - staleMonths);
    return ctx.items('bitbucket.repositories').map((repo) => {
      const resource = repositoryResource(repo);
      const evidence = { updatedOn: repo.updatedOn, createdOn: repo.createdOn };
      if (repo.updatedOn === null || Number.isNaN(Date.parse(repo.updatedOn)))
        return unknown(resource, `Bitbucket did not say when ${repo.fullName} last changed.`, evidence);
      const days = daysSince(repo.updatedOn, ctx.now);
      if (Date.parse(repo.updatedOn) < cutoff.getTime())
        return fail(
          resource,
          `${repo.fullName} has not changed in ${days} days (more than ${staleMonths} months).`,
          evidence,
        );
      return pass(resource, `${repo.fullName} changed ${days} days ago.`, evidence);
    });
  },
});
