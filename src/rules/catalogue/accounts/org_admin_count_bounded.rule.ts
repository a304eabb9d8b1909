import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import { breakGlassAccounts, canSignIn, isOrgAdmin, isPerson } from './org-accounts.ts';

export const rule = defineRule({
  id: 'org_admin_count_bounded',
  title: 'Between 2 and 4 people are org admins, not counting declared break-glass accounts',
  area: 'accounts',
  severity: 'high',
  scope: 'org',
  resourceType: 'org',
  requires: ['org.users'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Counts the accounts of the organization’s directories (admin API v2 users, `platformRoles`) that hold ' +
    '`atlassian/org-admin` and can sign in, leaving out the break-glass accounts named in the settings. ' +
    'Fails above the maximum (4 by default: blast radius) and below the minimum (2: lockout when the only ' +
    'admin leaves). Deactivated and suspended admins are listed in the evidence but not counted.',
  risk:
    'Every org admin can change authentication policies, install apps, read every product and create API ' +
    'keys: each one is a takeover path. A single admin is a lockout waiting to happen.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Directory → Users and filter by the Organization admin role.',
      'Remove the role from people who do not need it; give them a narrower admin role (user access admin, app admin) instead.',
      'If there is only one, grant the role to a second trusted person (or a break-glass account).',
    ],
    api: null,
  },
  references: [
    {
      title: 'What are the different types of admin roles?',
      url: 'https://support.atlassian.com/user-management/docs/what-are-the-different-types-of-admin-roles/',
    },
    {
      title: 'CISA SCuBA Google Workspace baseline: super admin count (2 to 8)',
      url: 'https://github.com/cisagov/ScubaGoggles/blob/main/scubagoggles/baselines/commoncontrols.md',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.4', '6.8'],
    'nist-800-53-r5': ['AC-2(7)', 'AC-6', 'AC-6(5)'],
    'iso-27001-2022': ['A.8.2'],
    soc2: ['CC6.3'],
  },
  settings: z.object({
    minAdmins: z
      .number()
      .int()
      .positive()
      .default(2)
      .describe('Fewest org admins (below it one departure locks the org).'),
    maxAdmins: z
      .number()
      .int()
      .positive()
      .default(4)
      .describe('Most org admins, break-glass accounts not counted.'),
    breakGlassAccounts,
  }),
  evaluate(ctx) {
    const { minAdmins, maxAdmins } = ctx.settings;
    const breakGlass = new Set(ctx.settings.breakGlassAccounts);
    const holders = ctx.items('org.users').filter((u) => isPerson(u) && isOrgAdmin(u));
    const active = holders.filter((u) => canSignIn(u));
    const counted = active.filter((u) => !breakGlass.has(u.accountId));
    const org = { id: ctx.org.id, name: ctx.org.name };
    const names = counted.map((u) => u.name).join(', ');
    const evidence = {
      admins: counted.map((u) => ({ accountId: u.accountId, name: u.name })),
      breakGlass: active.filter((u) => breakGlass.has(u.accountId)).map((u) => u.accountId),
      inactive: holders.filter((u) => !canSignIn(u)).map((u) => u.accountId),
    };
    if (counted.length > maxAdmins) {
      return [fail(org, `${counted.length} org admins, more than ${maxAdmins}: ${names}.`, evidence)];
    }
    if (counted.length < minAdmins) {
      return [
        fail(
          org,
          counted.length === 0
            ? `No active org admin (at least ${minAdmins} needed).`
            : `${counted.length} org admin, fewer than ${minAdmins}: ${names}.`,
          evidence,
        ),
      ];
    }
    return [pass(org, `${counted.length} org admins: ${names}.`, evidence)];
  },
});
