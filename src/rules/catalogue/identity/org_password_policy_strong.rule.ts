import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { notApplicable, pass } from '../../outcome.ts';
import { inUse, judge, policyResource } from './auth-policies.ts';

const STRENGTHS = ['weak', 'fair', 'good', 'strong'] as const;

export const rule = defineRule({
  id: 'org_password_policy_strong',
  title: 'Passwords must be Strong, and expire as the organization’s standard requires',
  area: 'identity',
  severity: 'medium',
  scope: 'org',
  resourceType: 'authentication-policy',
  requires: ['attested.authentication-policies'],
  plan: 'any',
  credential: 'none',
  description:
    'Reads the attested authentication policies (no public API reads them, ACCESS-1838). Each policy in use ' +
    'without enforced SSO (its members sign in with an Atlassian password) must require the minimum ' +
    'password strength in the settings (Strong by default) and, when the settings set a maximum, expire ' +
    'passwords within it. Policies with SSO enforced do not use Atlassian passwords and are not judged.',
  risk:
    'Break-glass admins, external collaborators and any policy without SSO sign in with an Atlassian ' +
    'password: a weak one is guessed or sprayed, and it also unlocks API token creation.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies and select Edit on the policy.',
      'On the Settings page, open Password requirements and set Minimum strength to Strong.',
      'Set the expiry your standard requires (or none, as NIST SP 800-63B advises), and save.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Manage your password policy',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/manage-your-password-policy/',
    },
    {
      title: 'Authentication policy settings for your organizations',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/authentication-policy-settings-for-your-organizations/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.2'],
    'nist-800-53-r5': ['IA-5', 'IA-5(1)'],
    'iso-27001-2022': ['A.5.17'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    minimumStrength: z
      .enum(STRENGTHS)
      .default('strong')
      .describe('The weakest minimum password strength accepted.'),
    maxPasswordExpiryDays: z
      .number()
      .int()
      .positive()
      .nullable()
      .default(null)
      .describe(
        'Longest password lifetime your standard allows, in days; null (default) requires no expiry, as ' +
          'NIST SP 800-63B advises against forced periodic changes.',
      ),
  }),
  evaluate(ctx) {
    const { minimumStrength, maxPasswordExpiryDays } = ctx.settings;
    const { policies } = ctx.attested('attested.authentication-policies').value;
    return policies.map((policy) => {
      const resource = policyResource(policy);
      const evidence = {
        ssoEnforced: policy.ssoEnforced,
        passwordMinimumStrength: policy.passwordMinimumStrength ?? null,
        passwordExpiryDays: policy.passwordExpiryDays ?? null,
      };
      if (policy.ssoEnforced) {
        return notApplicable(
          resource,
          `${policy.name} enforces SSO: its members use no Atlassian password.`,
          evidence,
        );
      }
      if (!inUse(policy)) return pass(resource, `${policy.name} has no members.`, evidence);
      const problems: string[] = [];
      const gaps: string[] = [];
      const strength = policy.passwordMinimumStrength;
      if (strength === undefined) gaps.push('the attested minimum password strength');
      else if (STRENGTHS.indexOf(strength) < STRENGTHS.indexOf(minimumStrength)) {
        problems.push(`minimum password strength is ${strength}, below ${minimumStrength}`);
      }
      if (maxPasswordExpiryDays !== null) {
        const expiry = policy.passwordExpiryDays;
        if (expiry === undefined) gaps.push('the attested password expiry');
        else if (expiry === null)
          problems.push(`passwords never expire (the standard is ${maxPasswordExpiryDays} days)`);
        else if (expiry > maxPasswordExpiryDays) {
          problems.push(`passwords expire after ${expiry} days, more than ${maxPasswordExpiryDays}`);
        }
      }
      return judge(
        resource,
        policy.name,
        { problems, gaps },
        `${policy.name} requires ${strength} passwords${maxPasswordExpiryDays === null ? '' : ` that expire within ${maxPasswordExpiryDays} days`}.`,
        evidence,
      );
    });
  },
});
