import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import { breakGlassAccounts } from './org-accounts.ts';

export const rule = defineRule({
  id: 'org_site_admin_count_bounded',
  title: 'Each site has at most 5 site admins',
  area: 'accounts',
  severity: 'medium',
  scope: 'site',
  resourceType: 'site',
  requires: ['jira.groups', 'jira.group-members'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'On each site, finds the groups that confer site-admin access (Jira `GET /rest/api/3/group/bulk?' +
    'accessType=site-admin`) and counts their distinct active human members (`GET /rest/api/3/group/member`), ' +
    'leaving out the break-glass accounts named in the settings. Fails above the maximum (5 by default). ' +
    'The groups are read through Jira, so a site without Jira is unknown; site admin roles granted to a ' +
    'person directly (centralized user management, no group) are not seen here.',
  risk:
    'Site admins install and remove apps, change every product setting and grant themselves any access on ' +
    'the site: each one is a takeover path, and an app installed by any of them reads the whole site.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Directory → Groups and select the site-admins group of the site.',
      'Remove the members who do not need site administration.',
      'Give them a narrower role instead: product admin (jira-admins, confluence-admins) or user access admin.',
    ],
    api: [
      'List the members: GET /rest/api/3/group/member?groupId={groupId}.',
      'Remove one: DELETE /rest/api/3/group/user?groupId={groupId}&accountId={accountId}.',
    ],
  },
  references: [
    {
      title: 'What are the different types of admin roles?',
      url: 'https://support.atlassian.com/user-management/docs/what-are-the-different-types-of-admin-roles/',
    },
    {
      title: 'Jira REST API: groups',
      url: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.4', '6.8'],
    'nist-800-53-r5': ['AC-2(7)', 'AC-6', 'AC-6(5)'],
    'iso-27001-2022': ['A.8.2'],
    soc2: ['CC6.3'],
  },
  settings: z.object({
    maxSiteAdmins: z.number().int().positive().default(5).describe('Most site admins per site.'),
    breakGlassAccounts,
  }),
  evaluate(ctx) {
    const max = ctx.settings.maxSiteAdmins;
    const breakGlass = new Set(ctx.settings.breakGlassAccounts);
    const adminGroups = new Set(
      ctx
        .items('jira.groups')
        .filter((g) => g.accessTypes.includes('site-admin'))
        .map((g) => g.groupId),
    );
    const admins = new Map<string, string>();
    for (const m of ctx.items('jira.group-members')) {
      if (!adminGroups.has(m.groupId) || m.active === false || breakGlass.has(m.accountId)) continue;
      if (m.accountType !== null && m.accountType !== 'atlassian') continue;
      admins.set(m.accountId, m.displayName ?? m.accountId);
    }
    const site = ctx.site;
    const resource = { id: site?.cloudId ?? 'site', name: site?.name ?? 'site' };
    const names = [...admins.values()].sort((a, b) => a.localeCompare(b));
    const evidence = {
      groups: ctx
        .items('jira.groups')
        .filter((g) => adminGroups.has(g.groupId))
        .map((g) => g.name),
      siteAdmins: [...admins.keys()].sort(),
    };
    if (admins.size > max) {
      return [fail(resource, `${admins.size} site admins, more than ${max}: ${names.join(', ')}.`, evidence)];
    }
    return [pass(resource, `${admins.size} site admins: ${names.join(', ') || 'none'}.`, evidence)];
  },
});
