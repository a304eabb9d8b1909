import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';
import { isPerson } from './org-accounts.ts';

export const rule = defineRule({
  id: 'org_scim_provisioning',
  title: 'Users are provisioned from the identity provider through SCIM',
  area: 'accounts',
  severity: 'medium',
  scope: 'org',
  resourceType: 'org',
  requires: ['org.users'],
  optional: ['org.directories', 'org.groups'],
  plan: 'guard-standard',
  credential: 'org-api-key',
  description:
    'Reads every account of the organization’s directories (admin API v2 users, `managementSource`) and ' +
    'passes when accounts are provisioned from an identity provider (`synced`, which only SCIM user ' +
    'provisioning sets). The directories API names directories but not their type, so the directory list ' +
    'and the IdP-synced groups are shown as context only. Managed accounts created by invitation are ' +
    'counted in the evidence: they are outside the automated leaver process.',
  risk:
    'Without provisioning, joiners, movers and leavers are handled by hand: a leaver deactivated in the ' +
    'identity provider keeps an active Atlassian account and its group memberships until someone notices.',
  remediation: {
    ui: [
      'In admin.atlassian.com, open Security → Identity providers and add (or select) your identity provider directory.',
      'Under User provisioning, select Set up user provisioning and copy the SCIM base URL and API key.',
      'Configure the Atlassian Cloud app in the identity provider with them, assign the users and groups, and start provisioning.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Understand user provisioning',
      url: 'https://support.atlassian.com/provisioning-users/docs/understand-user-provisioning/',
    },
    {
      title: 'User provisioning (SCIM) REST API',
      url: 'https://developer.atlassian.com/cloud/admin/user-provisioning/rest/intro/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['5.6', '6.1', '6.2'],
    'nist-800-53-r5': ['AC-2', 'IA-4'],
    'iso-27001-2022': ['A.5.16', 'A.5.18'],
    soc2: ['CC6.2'],
  },
  evaluate(ctx) {
    const people = ctx.items('org.users').filter(isPerson);
    const synced = people.filter((u) => u.managementSource === 'synced').length;
    const invited = people.filter(
      (u) => u.claimStatus === 'managed' && u.managementSource !== 'synced',
    ).length;
    const directories = ctx.optional('org.directories');
    const syncedGroups = ctx
      .optional('org.groups')
      ?.filter((g) => g.externalSynced || g.managedBy === 'external');
    const org = { id: ctx.org.id, name: ctx.org.name };
    const evidence = {
      syncedAccounts: synced,
      managedNotSynced: invited,
      directories: directories?.map((d) => d.name) ?? null,
      syncedGroups: syncedGroups?.length ?? null,
    };
    if (synced > 0) {
      return [
        pass(
          org,
          `${synced} accounts are provisioned from the identity provider` +
            (invited > 0 ? `; ${invited} managed accounts were created by invitation instead.` : '.'),
          evidence,
        ),
      ];
    }
    return [
      fail(
        org,
        'No account is provisioned from an identity provider: users are added and removed by hand.',
        evidence,
      ),
    ];
  },
});
