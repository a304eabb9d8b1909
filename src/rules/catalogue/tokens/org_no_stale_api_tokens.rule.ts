import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome } from '../../outcome.ts';
import { daysSince } from '../accounts/org-accounts.ts';
import { tokenOwnerNames } from './token-owners.ts';

export const rule = defineRule({
  id: 'org_no_stale_api_tokens',
  title: 'No managed account’s API token has gone unused for more than 90 days, or never been used',
  area: 'tokens',
  severity: 'high',
  scope: 'org',
  resourceType: 'api-token',
  requires: ['org.api-tokens'],
  optional: ['org.users'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads the API tokens of managed accounts (API Access API `GET /admin/api-access/v1/orgs/{orgId}/api-tokens`: ' +
    'every token with its creation, last activity and expiry; where the org API key may not read that list, ' +
    'the user management API `GET /users/{accountId}/manage/api-tokens`, one call per account, so Palisade ' +
    'then reads privileged accounts only and the dataset is partial — a stale token found fails, but a clean ' +
    'result stays unknown until every account is read). Fails each unexpired token last used more than the configured number of ' +
    'days ago (90 by default), or never used though created more than a grace period ago (7 days). Expired ' +
    'tokens no longer authenticate and are not judged.',
  risk:
    'API tokens bypass SSO and two-step verification: a forgotten token in an old script, CI job or laptop ' +
    'is a password that never gets challenged, and a leaked one is reused silently.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → User API tokens (API token activity).',
      'Filter by last used, select the stale tokens and Revoke them; tell their owners.',
      'Reissue a token only for a documented use, with the shortest expiry that works.',
    ],
    api: [
      'List every managed account’s tokens: GET https://api.atlassian.com/admin/api-access/v1/orgs/{orgId}/api-tokens.',
      'Revoke one: DELETE https://api.atlassian.com/users/{accountId}/manage/api-tokens/{tokenId}.',
    ],
  },
  references: [
    {
      title: 'Understand user API tokens',
      url: 'https://support.atlassian.com/organization-administration/docs/understand-user-api-tokens/',
    },
    {
      title: 'Revoke user API tokens',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/revoke-user-api-tokens/',
    },
    {
      title: 'User management REST API: API tokens',
      url: 'https://developer.atlassian.com/cloud/admin/user-management/rest/api-group-api-tokens/',
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
    neverUsedGraceDays: z
      .number()
      .int()
      .nonnegative()
      .default(7)
      .describe('Days a new token may exist before its first use without counting as "never used".'),
  }),
  evaluate(ctx) {
    const { maxUnusedDays, neverUsedGraceDays } = ctx.settings;
    const records = ctx.items('org.api-tokens');
    const names = tokenOwnerNames(ctx.optional('org.users'), records);
    const outcomes: RuleOutcome[] = [];
    let live = 0;
    for (const { accountId, tokens } of records) {
      const owner = names.get(accountId) ?? accountId;
      for (const token of tokens) {
        if (token.expiry !== null && Date.parse(token.expiry) <= ctx.now.getTime()) continue;
        live += 1;
        const resource = { id: token.id, name: `${token.label || 'Unnamed token'} (${owner})` };
        const evidence = {
          accountId,
          label: token.label,
          createdAt: token.createdAt,
          lastAccess: token.lastAccess,
          expiry: token.expiry,
        };
        if (token.lastAccess !== null) {
          const idle = daysSince(token.lastAccess, ctx.now);
          if (idle > maxUnusedDays)
            outcomes.push(fail(resource, `${resource.name} was last used ${idle} days ago.`, evidence));
          continue;
        }
        const age = token.createdAt === null ? null : daysSince(token.createdAt, ctx.now);
        if (age === null || age > neverUsedGraceDays) {
          const since = age === null ? '' : ` in the ${age} days since it was created`;
          outcomes.push(fail(resource, `${resource.name} has never been used${since}.`, evidence));
        }
      }
    }
    if (outcomes.length > 0) return outcomes;
    return [
      pass(
        { type: 'org', id: ctx.org.id, name: ctx.org.name },
        `All ${live} unexpired API tokens of the ${records.length} accounts read were used in the last ${maxUnusedDays} days.`,
        { accounts: records.length, tokens: live },
      ),
    ];
  },
});
