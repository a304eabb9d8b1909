import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'jira_admin_count_bounded',
  title: 'At most 5 people administer Jira on each site',
  area: 'jira',
  severity: 'medium',
  scope: 'site',
  resourceType: 'site',
  requires: ['jira.groups', 'jira.group-members'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Finds the groups that confer admin or site-admin access on the site (`GET /rest/api/3/group/bulk?' +
    'accessType=admin` and `site-admin`: jira-admins-…, site-admins) and reads their members (`GET /rest/api/' +
    '3/group/member?includeInactiveUsers=true`). It counts distinct accounts in any of them, leaving out app ' +
    'accounts (`accountType: app`, which cannot sign in), deactivated accounts and the accounts the settings ' +
    'exclude (a break-glass account); an account whose type or status Jira did not report is counted. Fails ' +
    'above the threshold.',
  risk:
    'Every Jira admin can change permission schemes, global permissions, workflows and automation, and read ' +
    'any project: each one is an account whose compromise exposes the whole site.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Directory → Groups and review the members of site-admins and jira-admins groups.',
      'Remove people who do not administer Jira daily; give project leads project admin rights instead.',
    ],
    api: [
      'Remove a member from a group: DELETE /rest/api/3/group/user?groupId={groupId}&accountId={accountId}.',
    ],
  },
  references: [
    {
      title: 'Manage global permissions (Administer Jira)',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/manage-global-permissions/',
    },
    {
      title: 'Jira REST API: groups',
      url: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.4', '6.8'],
    'nist-800-53-r5': ['AC-2', 'AC-6(5)'],
    'iso-27001-2022': ['A.8.2', 'A.5.18'],
    soc2: ['CC6.3'],
  },
  settings: z.object({
    maxAdmins: z
      .number()
      .int()
      .positive()
      .default(5)
      .describe('Most people allowed to administer Jira on a site.'),
    excludedAccounts: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Account ids not counted: a break-glass account, or the service account Palisade connects with.',
      ),
  }),
  evaluate(ctx) {
    const { maxAdmins, excludedAccounts } = ctx.settings;
    const excluded = new Set(excludedAccounts);
    const adminGroups = ctx
      .items('jira.groups')
      .filter((g) => g.accessTypes.includes('admin') || g.accessTypes.includes('site-admin'));
    const adminGroupIds = new Set(adminGroups.map((g) => g.groupId));
    const admins = new Map<string, string>();
    for (const m of ctx.items('jira.group-members')) {
      if (!adminGroupIds.has(m.groupId)) continue;
      if (m.accountType === 'app' || m.active === false || excluded.has(m.accountId)) continue;
      admins.set(m.accountId, m.displayName ?? m.accountId);
    }
    const names = [...admins.values()].sort((a, b) => a.localeCompare(b));
    const resource = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name ?? 'site' };
    const evidence = { admins: names, groups: adminGroups.map((g) => g.name), maxAdmins };
    const groups = adminGroups.map((g) => g.name).join(', ') || 'no admin group';
    if (admins.size > maxAdmins) {
      return [
        fail(
          resource,
          `${admins.size} people administer Jira (through ${groups}), more than ${maxAdmins}: ${names.join(', ')}.`,
          evidence,
        ),
      ];
    }
    return [pass(resource, `${admins.size} people administer Jira (at most ${maxAdmins}).`, evidence)];
  },
});
