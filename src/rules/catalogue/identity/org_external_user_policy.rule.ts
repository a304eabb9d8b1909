import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail } from '../../outcome.ts';
import { judge } from './auth-policies.ts';

export const rule = defineRule({
  id: 'org_external_user_policy',
  title: 'External users verify their identity at least weekly and cannot use API tokens',
  area: 'identity',
  severity: 'medium',
  scope: 'org',
  resourceType: 'external-user-policy',
  requires: ['attested.external-user-policy'],
  plan: 'guard-standard',
  credential: 'none',
  description:
    'Reads the attested external user policy (no public API reads it): it must be turned on, verify ' +
    'external users with single sign-on or a one-time passcode by e-mail, make them verify again at least ' +
    'every 7 days (the session expiration; a setting) and block their user API tokens.',
  risk:
    'External collaborators sign in with accounts your identity provider does not control: without an ' +
    'extra verification a phished external password reads your Jira and Confluence, and their API tokens ' +
    'reach your data without any second factor.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → User security → External users and edit the External user policy.',
      'Set the authorization method to one-time passcode (or single sign-on), and session expiration to 7 days or less.',
      'Under API token access for external users select Block, and select Update.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Available external user security policy and settings',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/available-external-user-security-settings/',
    },
    {
      title: 'Block user API token access',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/set-api-token-access/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.3'],
    'nist-800-53-r5': ['IA-8', 'IA-11', 'AC-20'],
    'iso-27001-2022': ['A.8.5', 'A.5.19'],
    soc2: ['CC6.1', 'CC6.2'],
  },
  settings: z.object({
    maxReverifyDays: z
      .number()
      .int()
      .positive()
      .default(7)
      .describe('Longest time an external user may go without verifying again, in days.'),
  }),
  evaluate(ctx) {
    const policy = ctx.attested('attested.external-user-policy').value;
    const max = ctx.settings.maxReverifyDays;
    const resource = { id: 'external-user-policy', name: 'External user policy' };
    const evidence = {
      enabled: policy.enabled,
      verification: policy.verification ?? null,
      reverifyEveryDays: policy.reverifyEveryDays ?? null,
      apiAccessBlocked: policy.apiAccessBlocked ?? null,
    };
    if (!policy.enabled) {
      return [
        fail(
          resource,
          'The external user policy is off: external users sign in with no extra verification.',
          evidence,
        ),
      ];
    }
    const problems: string[] = [];
    const gaps: string[] = [];
    if (policy.verification === undefined) gaps.push('the attested verification method');
    else if (policy.verification === 'none')
      problems.push('external users are not asked to verify their identity');
    if (policy.reverifyEveryDays === undefined) gaps.push('the attested session expiration');
    else if (policy.reverifyEveryDays === null) problems.push('external users never verify again');
    else if (policy.reverifyEveryDays > max) {
      problems.push(
        `external users verify again only every ${policy.reverifyEveryDays} days (at most ${max})`,
      );
    }
    if (policy.apiAccessBlocked === undefined) gaps.push('the attested API token access setting');
    else if (!policy.apiAccessBlocked) problems.push('external users may call the APIs with user API tokens');
    return [
      judge(
        resource,
        'External user policy',
        { problems, gaps },
        `External users verify by ${policy.verification === 'sso' ? 'single sign-on' : 'one-time passcode'} every ` +
          `${policy.reverifyEveryDays} days at most and cannot use API tokens.`,
        evidence,
      ),
    ];
  },
});
