import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { pass } from '../../outcome.ts';
import { inUse, judge, policyResource } from '../identity/auth-policies.ts';

export const rule = defineRule({
  id: 'org_api_token_max_expiry',
  title: 'User API tokens expire within 90 days in every policy that allows them',
  area: 'tokens',
  severity: 'medium',
  scope: 'org',
  resourceType: 'authentication-policy',
  requires: ['attested.authentication-policies'],
  plan: 'guard-standard',
  credential: 'none',
  description:
    'Reads the attested authentication policies (no public API reads them, ACCESS-1838) and fails each ' +
    'policy in use that allows user API tokens with a maximum expiration longer than the settings allow ' +
    '(90 days by default) or left at Atlassian’s default of one year. Policies that block user API tokens pass.',
  risk:
    'A token that lives for a year stays usable long after the script, the laptop or the person it was ' +
    'made for is gone; a short expiry bounds how long a leaked token works.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies and select Edit on the policy.',
      'On the Settings page, under User API token expiration, choose 90 days or less, and save.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Authentication policy settings for your organizations',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/authentication-policy-settings-for-your-organizations/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.2'],
    'nist-800-53-r5': ['IA-5'],
    'iso-27001-2022': ['A.5.17'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    maxExpiryDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Longest user API token lifetime allowed, in days.'),
  }),
  evaluate(ctx) {
    const max = ctx.settings.maxExpiryDays;
    const { policies } = ctx.attested('attested.authentication-policies').value;
    return policies.map((policy) => {
      const resource = policyResource(policy);
      const expiry = policy.userApiTokenMaxExpiryDays;
      const evidence = {
        userApiTokensBlocked: policy.userApiTokensBlocked ?? null,
        userApiTokenMaxExpiryDays: expiry ?? null,
      };
      if (policy.userApiTokensBlocked === true)
        return pass(resource, `${policy.name} blocks user API tokens.`, evidence);
      if (!inUse(policy)) return pass(resource, `${policy.name} has no members.`, evidence);
      const problems: string[] = [];
      if (expiry === null) problems.push('user API tokens last up to a year (Atlassian’s default)');
      else if (expiry !== undefined && expiry > max)
        problems.push(`user API tokens last up to ${expiry} days, more than ${max}`);
      return judge(
        resource,
        policy.name,
        { problems, gaps: expiry === undefined ? ['the attested user API token expiration'] : [] },
        `${policy.name} limits user API tokens to ${expiry} days.`,
        evidence,
      );
    });
  },
});
