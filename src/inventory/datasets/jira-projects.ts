import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Projects, the permission scheme each uses, project roles and who plays them.

export const jiraProjects = defineDataset({
  name: 'jira.projects',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Projects (live and archived) with type, lead, privacy and the permission scheme they use.',
  endpoints: ['jira.projects.search', 'jira.projectPermissionScheme.get'],
  usedBy: [
    'jira_permission_scheme_no_anyone (scheme → projects)',
    'jira_team_managed_not_open',
    'jira_project_admin_not_broad',
    'jira_anonymous_probe_clean',
  ],
  access: {
    needs: 'jira-admin',
    without: 'partial',
    why: "project search lists only the projects the credential may browse, and a project's scheme only to its administrators",
  },
  schema: z.object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    projectTypeKey: z.string().nullable(),
    /** Team-managed (next-gen) project. */
    simplified: z.boolean(),
    isPrivate: z.boolean().nullable(),
    archived: z.boolean(),
    leadAccountId: z.string().nullable(),
    /** Null when Jira would not say (no Administer Projects on it). */
    permissionSchemeId: z.number().nullable(),
    totalIssueCount: z.number().nullable(),
    lastIssueUpdateTime: z.string().nullable(),
  }),
  key: (r) => r.id,
});

export const roleActor = z.object({
  type: z.enum(['user', 'group']),
  accountId: z.string().nullable(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  displayName: z.string().nullable(),
});

export const jiraProjectRoles = defineDataset({
  name: 'jira.project-roles',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds:
    "A project role's actors in one project, for the roles that project's permission scheme grants " +
    'something to and the admin roles (see collectors/README.md).',
  endpoints: ['jira.projectRoles.list', 'jira.projectRole.get'],
  usedBy: ['jira_project_admin_not_broad', 'app effective permissions (app accounts in roles)'],
  access: {
    needs: 'jira-admin',
    without: 'partial',
    why: 'role actors show only in the projects the credential administers',
  },
  schema: z.object({
    projectId: z.string(),
    projectKey: z.string(),
    roleId: z.number(),
    roleName: z.string(),
    admin: z.boolean().nullable(),
    actors: z.array(roleActor),
  }),
  key: (r) => `${r.projectId}:${r.roleId}`,
});

export const jiraRoles = defineDataset({
  name: 'jira.roles',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Project role definitions of the site.',
  endpoints: ['jira.roles.list'],
  usedBy: ['jira_project_admin_not_broad', 'jira.project-roles (which roles to read)'],
  access: { needs: 'jira-admin', without: 'forbidden', why: 'Jira answers 403 without Administer Jira' },
  schema: z.object({
    id: z.number(),
    name: z.string(),
    description: z.string().nullable(),
    admin: z.boolean().nullable(),
  }),
  key: (r) => String(r.id),
});
