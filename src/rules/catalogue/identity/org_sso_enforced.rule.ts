import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'org_sso_enforced',
  title: 'SSO is enforced for all managed users except a declared break-glass policy',
  area: 'identity',
  severity: 'critical',
  scope: 'org',
  resourceType: 'authentication-policy',
  requires: ['attested.authentication-policies'],
  plan: 'guard-standard',
  credential: 'none',
  description:
    'Every authentication policy enforces single sign-on (SAML or Google), except the break-glass policies ' +
    'named in the settings and policies with no members. No public API reads authentication policies ' +
    '(ACCESS-1838), so an admin attests them.',
  risk:
    'Accounts that sign in with an Atlassian password skip the identity provider’s MFA, conditional access ' +
    'and deprovisioning: a leaver or a phished password keeps working.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies.',
      'For each policy other than the break-glass one, select Edit and turn on Enforce single sign-on.',
      'Keep one break-glass policy without SSO for at most two org admins, and declare it in this rule’s settings.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Configure authentication policies',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/configure-authentication-policies/',
    },
    {
      title: 'ACCESS-1838: read authentication policies through the admin API',
      url: 'https://jira.atlassian.com/browse/ACCESS-1838',
    },
  ],
  compliance: {
    'cis-controls-v8': ['6.3', '6.5', '6.7', '5.6'],
    'nist-800-53-r5': ['IA-2', 'IA-2(1)', 'IA-2(2)', 'AC-2'],
    'iso-27001-2022': ['A.5.17', 'A.8.5'],
    soc2: ['CC6.1', 'CC6.2'],
  },
  settings: z.object({
    breakGlassPolicies: z
      .array(z.string().min(1))
      .max(2)
      .default([])
      .describe(
        'Names of the emergency-access policies allowed to skip SSO (org_break_glass_minimal checks them).',
      ),
  }),
  evaluate(ctx) {
    const { policies } = ctx.attested('attested.authentication-policies').value;
    const breakGlass = new Set(ctx.settings.breakGlassPolicies);
    return policies.map((policy) => {
      const resource = { id: policy.name, name: policy.name };
      const evidence = {
        ssoEnforced: policy.ssoEnforced,
        isDefault: policy.isDefault,
        members: policy.members ?? null,
      };
      if (policy.ssoEnforced) return pass(resource, `${policy.name} enforces SSO.`, evidence);
      if (breakGlass.has(policy.name)) {
        return notApplicable(resource, `${policy.name} is the declared break-glass policy.`, evidence);
      }
      if (policy.members === 0 && !policy.isDefault) {
        return pass(resource, `${policy.name} does not enforce SSO but has no members.`, evidence);
      }
      const who = policy.isDefault
        ? 'the default policy, where new accounts land'
        : `${policy.members ?? 'an unknown number of'} members`;
      return fail(resource, `${policy.name} does not enforce SSO (${who}).`, evidence);
    });
  },
});
