import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'org_mobile_policy',
  title: 'A mobile app policy or a mobile session expiration is configured',
  area: 'identity',
  severity: 'low',
  scope: 'org',
  resourceType: 'mobile-policy',
  requires: ['attested.mobile-policy'],
  plan: 'any',
  credential: 'none',
  description:
    'Reads the attested mobile settings (no public API reads them): passes when a mobile app policy exists ' +
    '(Atlassian Guard or Enterprise) or when mobile sessions expire within the maximum in the settings ' +
    '(30 days by default; mobile session expiration is available on every plan). Idle session limits do ' +
    'not apply to the mobile apps.',
  risk:
    'The Jira and Confluence mobile apps stay signed in indefinitely by default: a lost, stolen or unmanaged ' +
    'phone keeps reading company data long after the person or the device left.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies, edit each policy and set the mobile session expiration.',
      'With Atlassian Guard, also open Security → Mobile app policy and create a policy (block screenshots, require device encryption…).',
    ],
    api: null,
  },
  references: [
    {
      title: 'Set mobile app session expiration',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/set-mobile-app-session-expiration/',
    },
    {
      title: 'Create a mobile app policy',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/create-a-mobile-policy/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['4.10', '4.11'],
    'nist-800-53-r5': ['AC-19', 'AC-12'],
    'iso-27001-2022': ['A.8.1', 'A.6.7'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    maxMobileSessionDays: z
      .number()
      .int()
      .positive()
      .default(30)
      .describe('Longest mobile session accepted when no mobile app policy exists, in days.'),
  }),
  evaluate(ctx) {
    const value = ctx.attested('attested.mobile-policy').value;
    const resource = { id: 'mobile-policy', name: 'Mobile app policy' };
    const evidence = {
      mobileAppPolicyConfigured: value.mobileAppPolicyConfigured,
      mobileSessionExpiryMinutes: value.mobileSessionExpiryMinutes ?? null,
    };
    if (value.mobileAppPolicyConfigured)
      return [pass(resource, 'A mobile app policy is configured.', evidence)];
    const minutes = value.mobileSessionExpiryMinutes;
    const maxMinutes = ctx.settings.maxMobileSessionDays * 1440;
    if (minutes === undefined) {
      return [
        unknown(
          resource,
          'No mobile app policy, and the mobile session expiration was not attested.',
          evidence,
        ),
      ];
    }
    if (minutes === null) {
      return [fail(resource, 'No mobile app policy, and mobile sessions never expire.', evidence)];
    }
    if (minutes > maxMinutes) {
      const days = Math.round(minutes / 1440);
      return [
        fail(
          resource,
          `No mobile app policy, and mobile sessions last ${days} days (at most ${ctx.settings.maxMobileSessionDays}).`,
          evidence,
        ),
      ];
    }
    return [pass(resource, `Mobile sessions expire after ${Math.round(minutes / 1440)} days.`, evidence)];
  },
});
