import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { notApplicable, pass } from '../../outcome.ts';
import { inUse, judge, policyResource } from './auth-policies.ts';

export const rule = defineRule({
  id: 'org_third_party_login_blocked',
  title: 'Google, Microsoft, Apple and Slack login is blocked where the organization uses SSO',
  area: 'identity',
  severity: 'medium',
  scope: 'org',
  resourceType: 'authentication-policy',
  requires: ['attested.authentication-policies'],
  plan: 'any',
  credential: 'none',
  description:
    'Reads the attested authentication policies (no public API reads them, ACCESS-1838). When any policy ' +
    'enforces SSO, each other policy in use must prevent third-party login; policies that enforce SSO send ' +
    'their members to the identity provider and pass. An organization that enforces SSO nowhere is not ' +
    'judged unless the settings ask for third-party login to be blocked everywhere.',
  risk:
    'A social login (Google, Microsoft, Apple, Slack) signs in with an identity the organization does not ' +
    'control, skipping the identity provider’s MFA, conditional access and deprovisioning.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies and select Edit on the policy.',
      'On the Settings page, under Third-party login, select Prevent members from logging in with third-party accounts.',
      'Save, and repeat for each policy without SSO.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Authentication policy settings for your organizations',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/authentication-policy-settings-for-your-organizations/',
    },
    {
      title: 'Understand authentication policies',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/understand-authentication-policies/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.7', '5.6'],
    'nist-800-53-r5': ['IA-2', 'IA-8'],
    'iso-27001-2022': ['A.8.5'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    requireEverywhere: z
      .boolean()
      .default(false)
      .describe(
        'Also require third-party login to be blocked in organizations that enforce SSO in no policy.',
      ),
  }),
  evaluate(ctx) {
    const { policies } = ctx.attested('attested.authentication-policies').value;
    const usesSso = policies.some((p) => p.ssoEnforced);
    return policies.map((policy) => {
      const resource = policyResource(policy);
      const blocked = policy.thirdPartyLoginBlocked;
      const evidence = { thirdPartyLoginBlocked: blocked ?? null, ssoEnforced: policy.ssoEnforced };
      if (blocked === true) return pass(resource, `${policy.name} prevents third-party login.`, evidence);
      if (policy.ssoEnforced) {
        return pass(
          resource,
          `${policy.name} enforces SSO: its members sign in through the identity provider.`,
          evidence,
        );
      }
      if (!inUse(policy)) return pass(resource, `${policy.name} has no members.`, evidence);
      if (!usesSso && !ctx.settings.requireEverywhere) {
        return notApplicable(
          resource,
          `The organization enforces SSO in no policy, so ${policy.name}'s third-party login bypasses nothing.`,
          evidence,
        );
      }
      return judge(
        resource,
        policy.name,
        {
          problems:
            blocked === false ? ['members may log in with Google, Microsoft, Apple or Slack accounts'] : [],
          gaps: blocked === undefined ? ['the attested third-party login setting'] : [],
        },
        '',
        evidence,
      );
    });
  },
});
