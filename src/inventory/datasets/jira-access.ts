import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Who has access to Jira: product access groups, admin groups and their members, and the users
// of the site (app accounts included).

export const accessType = z.enum(['site-admin', 'admin', 'user']);

export const jiraApplicationRoles = defineDataset({
  name: 'jira.application-roles',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Each Jira product (application role) with the groups that grant access to it and its seats.',
  endpoints: ['jira.applicationRoles.list'],
  usedBy: [
    'jira_project_admin_not_broad (broad = product access group)',
    'conf_space_admin_not_broad',
    'jira.group-members (which groups)',
  ],
  access: { needs: 'jira-admin', without: 'forbidden', why: 'Jira answers 403 without Administer Jira' },
  schema: z.object({
    key: z.string(),
    name: z.string().nullable(),
    groups: z.array(z.object({ groupId: z.string().nullable(), name: z.string() })),
    defaultGroups: z.array(z.string()),
    numberOfSeats: z.number().nullable(),
    userCount: z.number().nullable(),
    hasUnlimitedSeats: z.boolean().nullable(),
  }),
  key: (r) => r.key,
});

export const jiraGroups = defineDataset({
  name: 'jira.groups',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds:
    'The groups that confer access on this site (group/bulk accessType site-admin, admin, user), ' +
    'with the access types each confers.',
  endpoints: ['jira.groups.list'],
  usedBy: ['org_site_admin_count_bounded', 'jira_admin_count_bounded', 'jira_project_admin_not_broad'],
  schema: z.object({ groupId: z.string(), name: z.string(), accessTypes: z.array(accessType) }),
  key: (r) => r.groupId,
});

export const jiraGroupMembers = defineDataset({
  name: 'jira.group-members',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'One membership (group, account) of the site-admin and admin groups (and product access groups).',
  endpoints: ['jira.groupMembers.list'],
  usedBy: [
    'org_site_admin_count_bounded',
    'jira_admin_count_bounded',
    'org_admins_strong_auth',
    'org_no_dormant_admins',
  ],
  schema: z.object({
    groupId: z.string(),
    groupName: z.string(),
    accountId: z.string(),
    accountType: z.string().nullable(),
    displayName: z.string().nullable(),
    active: z.boolean().nullable(),
  }),
  key: (r) => `${r.groupId}:${r.accountId}`,
});

export const jiraUsers = defineDataset({
  name: 'jira.users',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Every account of the site (people and app accounts), with type and active flag.',
  endpoints: ['jira.users.search'],
  usedBy: ['app_inactive_with_access (app accounts)', 'apps.installations (app account)', 'reports'],
  schema: z.object({
    accountId: z.string(),
    /** `atlassian` | `app` | `customer` | `unknown`. */
    accountType: z.string(),
    displayName: z.string().nullable(),
    active: z.boolean(),
  }),
  key: (r) => r.accountId,
});
