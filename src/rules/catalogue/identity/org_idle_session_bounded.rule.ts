import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { pass } from '../../outcome.ts';
import { inUse, judge, policyResource } from './auth-policies.ts';

function hours(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

export const rule = defineRule({
  id: 'org_idle_session_bounded',
  title: 'Idle sessions end within 12 hours in every authentication policy',
  area: 'identity',
  severity: 'medium',
  scope: 'org',
  resourceType: 'authentication-policy',
  requires: ['attested.authentication-policies'],
  plan: 'any',
  credential: 'none',
  description:
    'Reads the attested authentication policies (no public API reads them, ACCESS-1838) and fails each ' +
    'policy in use whose idle session duration is longer than the maximum in the settings (12 hours by ' +
    'default). Atlassian’s default is 30 days. Mobile sessions are org_mobile_policy’s.',
  risk:
    'A long idle session keeps a stolen session cookie, an unlocked shared computer or a lost laptop ' +
    'signed in to Jira and Confluence for days after the person walked away.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Authentication policies and select Edit on the policy.',
      'On the Settings page, set Idle session duration to 12 hours or less, and save.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Update idle session duration',
      url: 'https://support.atlassian.com/security-and-access-policies/docs/update-idle-session-duration/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['4.3'],
    'nist-800-53-r5': ['AC-11', 'AC-12'],
    'iso-27001-2022': ['A.8.5'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    maxIdleMinutes: z
      .number()
      .int()
      .positive()
      .default(720)
      .describe('Longest idle session allowed, in minutes (720 = 12 hours).'),
  }),
  evaluate(ctx) {
    const max = ctx.settings.maxIdleMinutes;
    const { policies } = ctx.attested('attested.authentication-policies').value;
    return policies.map((policy) => {
      const resource = policyResource(policy);
      const idle = policy.idleSessionMinutes;
      const evidence = { idleSessionMinutes: idle ?? null, members: policy.members ?? null };
      if (!inUse(policy)) return pass(resource, `${policy.name} has no members.`, evidence);
      return judge(
        resource,
        policy.name,
        {
          problems:
            idle !== undefined && idle > max
              ? [`idle sessions last ${hours(idle)}, more than ${hours(max)}`]
              : [],
          gaps: idle === undefined ? ['the attested idle session duration'] : [],
        },
        `${policy.name} ends idle sessions after ${hours(idle ?? 0)}.`,
        evidence,
      );
    });
  },
});
