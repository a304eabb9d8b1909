import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome } from '../../outcome.ts';
import { dormancy } from './dormancy.ts';
import { breakGlassAccounts, canSignIn, isPerson, userEvidence, userResource } from './org-accounts.ts';

export const rule = defineRule({
  id: 'org_no_dormant_managed_users',
  title: 'No active managed account has been idle for more than 90 days',
  area: 'accounts',
  severity: 'high',
  scope: 'org',
  resourceType: 'user',
  requires: ['org.users'],
  plan: 'any',
  credential: 'org-api-key',
  description:
    'Reads every account of the organization’s directories (admin API v2 users: `lastActive`, ' +
    '`addedToOrg`, status) and fails each managed person’s account that can still sign in and was last ' +
    'active more than the configured number of days ago (90 by default), or never, though added longer ' +
    'ago than that. Deactivated and suspended accounts, app accounts and the break-glass accounts named in ' +
    'the settings (idle by design) are not judged.',
  risk:
    'A dormant account keeps its access and nobody notices when someone else starts using it: leavers, ' +
    'movers and forgotten test accounts are the accounts attackers reuse.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Directory → Users and sort by Last active.',
      'Confirm with the manager, then select the account → Deactivate account (or remove its app access).',
      'With SCIM, deprovision the person in the identity provider instead.',
    ],
    api: [
      'Suspend the account’s access: POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend.',
      'Or deactivate the managed account: POST https://api.atlassian.com/users/{accountId}/manage/lifecycle/disable.',
    ],
  },
  references: [
    {
      title: 'Deactivate a managed account',
      url: 'https://support.atlassian.com/user-management/docs/deactivate-a-managed-account/',
    },
    {
      title: 'User management REST API: lifecycle',
      url: 'https://developer.atlassian.com/cloud/admin/user-management/rest/api-group-lifecycle/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.3'],
    'nist-800-53-r5': ['AC-2(3)'],
    'iso-27001-2022': ['A.5.18'],
    soc2: ['CC6.2'],
  },
  settings: z.object({
    maxIdleDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Days without activity before an account is dormant.'),
    breakGlassAccounts,
  }),
  evaluate(ctx) {
    const { maxIdleDays } = ctx.settings;
    const breakGlass = new Set(ctx.settings.breakGlassAccounts);
    const checked = ctx
      .items('org.users')
      .filter(
        (u) => isPerson(u) && canSignIn(u) && u.claimStatus === 'managed' && !breakGlass.has(u.accountId),
      );
    const outcomes: RuleOutcome[] = [];
    for (const user of checked) {
      const d = dormancy(user, maxIdleDays, ctx.now);
      if (!d.dormant) continue;
      outcomes.push(
        fail(userResource(user), `${user.name}: ${d.reason}, and the account can still sign in.`, {
          ...userEvidence(user),
          addedToOrg: user.addedToOrg,
          idleDays: d.idleDays,
          productAccessCount: user.productAccessCount,
        }),
      );
    }
    if (outcomes.length > 0) return outcomes;
    return [
      pass(
        { type: 'org', id: ctx.org.id, name: ctx.org.name },
        `All ${checked.length} active managed accounts were active in the last ${maxIdleDays} days.`,
        { checked: checked.length },
      ),
    ];
  },
});
