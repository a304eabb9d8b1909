import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome } from '../../outcome.ts';
import { dormancy } from './dormancy.ts';
import {
  adminRoles,
  breakGlassAccounts,
  canSignIn,
  isPerson,
  userEvidence,
  userResource,
} from './org-accounts.ts';

export const rule = defineRule({
  id: 'org_no_dormant_admins',
  title: 'No admin is idle for more than 30 days',
  area: 'accounts',
  severity: 'high',
  scope: 'org',
  resourceType: 'user',
  requires: ['org.users'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads every account of the organization’s directories (admin API v2 users: `platformRoles`, ' +
    '`lastActive`) and fails each admin (org admin, site admin, user access admin or any other `*-admin` ' +
    'platform role) who can sign in and was last active more than the configured number of days ago (30 ' +
    'by default), or never. Break-glass accounts named in the settings are idle by design and not judged.',
  risk:
    'An unused privileged account is a prime takeover target: its owner will not notice a new sign-in, and ' +
    'its standing rights outlive the need for them.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Directory → Users, filter by admin role and sort by Last active.',
      'Remove the admin role from accounts that no longer need it (••• → Remove organization admin / Modify site admin role).',
      'Deactivate the account if the person has left.',
    ],
    api: [
      'Suspend the account’s access (roles come back on restore): POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend.',
      'Or deactivate the account: POST https://api.atlassian.com/users/{accountId}/manage/lifecycle/disable.',
    ],
  },
  references: [
    {
      title: 'What are the different types of admin roles?',
      url: 'https://support.atlassian.com/user-management/docs/what-are-the-different-types-of-admin-roles/',
    },
    {
      title: 'Deactivate a managed account',
      url: 'https://support.atlassian.com/user-management/docs/deactivate-a-managed-account/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.3', '6.2'],
    'nist-800-53-r5': ['AC-2(3)', 'AC-2(7)', 'AC-6(7)'],
    'iso-27001-2022': ['A.8.2', 'A.5.18'],
    soc2: ['CC6.2', 'CC6.3'],
  },
  settings: z.object({
    maxIdleDays: z
      .number()
      .int()
      .positive()
      .default(30)
      .describe('Days without activity before an admin is dormant.'),
    breakGlassAccounts,
  }),
  evaluate(ctx) {
    const { maxIdleDays } = ctx.settings;
    const breakGlass = new Set(ctx.settings.breakGlassAccounts);
    const admins = ctx
      .items('org.users')
      .filter((u) => isPerson(u) && canSignIn(u) && adminRoles(u).length > 0 && !breakGlass.has(u.accountId));
    const outcomes: RuleOutcome[] = [];
    for (const admin of admins) {
      const d = dormancy(admin, maxIdleDays, ctx.now);
      if (!d.dormant) continue;
      const roles = adminRoles(admin)
        .map((r) => r.replace(/^atlassian\//, ''))
        .join(', ');
      outcomes.push(
        fail(userResource(admin), `${admin.name} (${roles}): ${d.reason}.`, {
          ...userEvidence(admin),
          idleDays: d.idleDays,
        }),
      );
    }
    if (outcomes.length > 0) return outcomes;
    return [
      pass(
        { type: 'org', id: ctx.org.id, name: ctx.org.name },
        `All ${admins.length} admins were active in the last ${maxIdleDays} days.`,
        { admins: admins.length },
      ),
    ];
  },
});
