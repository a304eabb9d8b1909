import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import { daysSince, workspaceResource } from './workspace.ts';

export const rule = defineRule({
  id: 'bb_access_tokens_not_stale',
  title: 'No workspace, project or repository access token is unused for 90 days or older than a year',
  area: 'bitbucket',
  severity: 'medium',
  scope: 'site',
  resourceType: 'access-token',
  requires: ['attested.bitbucket-access-tokens'],
  plan: 'any',
  credential: 'none',
  description:
    'The Bitbucket API has no endpoint listing access tokens (BCLOUD-23192), so a workspace admin attests them ' +
    'from the settings pages. Fails each unexpired token last used more than the configured number of days ago ' +
    '(90 by default), never used though created more than 7 days ago, or created longer ago than the maximum ' +
    'age (365 days) so it is due for rotation. A token whose last use was not recorded and that is not too old is ' +
    'unknown. Expired tokens no longer work and are not judged.',
  risk:
    'Access tokens are not tied to a person: they survive the departure of whoever created them, bypass ' +
    'two-step verification, and a forgotten one in an old CI job or script keeps full access to the code.',
  remediation: {
    ui: [
      'In Bitbucket, open the Access tokens page of the workspace, project or repository named in the finding (Settings → Security → Access tokens).',
      'Revoke tokens nothing uses; replace old ones with a new token with the narrowest scopes and an expiry, then revoke the old one.',
      'Re-attest the workspace’s access tokens in Palisade.',
    ],
    api: null,
  },
  references: [
    { title: 'Access tokens', url: 'https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/' },
    {
      title: 'BCLOUD-23192: REST API endpoints to list and revoke access tokens',
      url: 'https://jira.atlassian.com/browse/BCLOUD-23192',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.3', '5.5'],
    'nist-800-53-r5': ['IA-5', 'AC-2(3)'],
    'iso-27001-2022': ['A.5.17', 'A.5.18'],
    soc2: ['CC6.1', 'CC6.2'],
  },
  settings: z.object({
    maxUnusedDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Days without use before a token is stale.'),
    maxAgeDays: z
      .number()
      .int()
      .positive()
      .default(365)
      .describe('Days after which a token must be replaced, used or not.'),
    neverUsedGraceDays: z
      .number()
      .int()
      .nonnegative()
      .default(7)
      .describe('Days a new token may exist before its first use without counting as unused.'),
  }),
  evaluate(ctx) {
    const { maxUnusedDays, maxAgeDays, neverUsedGraceDays } = ctx.settings;
    const { value } = ctx.attested('attested.bitbucket-access-tokens');
    const live = value.tokens.filter((t) => !t.expiresAt || Date.parse(t.expiresAt) > ctx.now.getTime());
    const outcomes = live.map((t): RuleOutcome => {
      const where = t.level === 'workspace' ? 'workspace' : `${t.level} ${t.owner ?? '?'}`;
      const resource = { id: `${t.level}:${t.owner ?? ''}:${t.name}`, name: `${t.name} (${where})` };
      const evidence = {
        level: t.level,
        owner: t.owner ?? null,
        createdAt: t.createdAt,
        lastUsedAt: t.lastUsedAt ?? null,
        expiresAt: t.expiresAt ?? null,
        scopes: t.scopes ?? [],
      };
      const age = daysSince(t.createdAt, ctx.now);
      const problems: string[] = [];
      if (age > maxAgeDays) problems.push(`was created ${age} days ago (limit ${maxAgeDays})`);
      if (t.lastUsedAt) {
        const idle = daysSince(t.lastUsedAt, ctx.now);
        if (idle > maxUnusedDays) problems.push(`was last used ${idle} days ago`);
      } else if (t.lastUsedAt === null && age > neverUsedGraceDays) {
        problems.push(`has never been used in the ${age} days since it was created`);
      }
      if (problems.length > 0) return fail(resource, `${resource.name} ${problems.join(' and ')}.`, evidence);
      if (t.lastUsedAt === undefined && age > neverUsedGraceDays)
        return unknown(
          resource,
          `The attestation does not record when ${resource.name} was last used.`,
          evidence,
        );
      return pass(resource, `${resource.name} is in use and ${age} days old.`, evidence);
    });
    if (outcomes.length > 0) return outcomes;
    return [
      pass(workspaceResource(ctx.site), 'The workspace has no unexpired access token.', {
        tokens: value.tokens.length,
      }),
    ];
  },
});
