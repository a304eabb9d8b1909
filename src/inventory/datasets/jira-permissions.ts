import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Who may do what in Jira: permission schemes with their grants, and what the anonymous user holds.

export const permissionGrant = z.object({
  id: z.number(),
  permission: z.string(),
  /** `anyone` (public), `applicationRole` (no parameter: any logged-in user), `group`, `projectRole`… */
  holderType: z.string(),
  /** Group name, role id, application key, account id… as Jira sends it. */
  holderParameter: z.string().nullable(),
  /** Group id for groups; otherwise the parameter again. */
  holderValue: z.string().nullable(),
});

export const jiraPermissionSchemes = defineDataset({
  name: 'jira.permission-schemes',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Permission schemes with every grant (permission → holder).',
  endpoints: ['jira.permissionSchemes.list'],
  usedBy: [
    'jira_permission_scheme_no_anyone',
    'jira_browse_not_all_users_when_externals',
    'jira_project_admin_not_broad',
  ],
  schema: z.object({
    id: z.number(),
    name: z.string(),
    description: z.string().nullable(),
    grants: z.array(permissionGrant),
  }),
  key: (r) => String(r.id),
});

export const jiraAnonymousPermissions = defineDataset({
  name: 'jira.anonymous-permissions',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds:
    'What an unauthenticated visitor holds (the mypermissions probe): site-wide (global permissions, and ' +
    'project permissions held in any project) and per exposed project.',
  endpoints: ['jira.myPermissions.get', 'jira.projects.search'],
  usedBy: ['jira_anonymous_probe_clean', 'jira_browse_users_not_public'],
  schema: z.object({
    /** `site`: no project context (a project permission held in any project); `project`: one project. */
    scope: z.enum(['site', 'project']),
    projectId: z.string().nullable(),
    projectKey: z.string().nullable(),
    /** The permission keys asked about. */
    probed: z.array(z.string()),
    /** Those the anonymous user holds. */
    held: z.array(z.string()),
    /** The site answered the unauthenticated probe with 401: it refuses anonymous callers (holding nothing). */
    anonymousRefused: z.boolean().optional(),
  }),
  key: (r) => (r.scope === 'site' ? 'site' : `project:${r.projectId}`),
});

export const jiraIssueSecuritySchemes = defineDataset({
  name: 'jira.issue-security-schemes',
  scope: 'site',
  kind: 'snapshot',
  product: 'jira',
  holds: 'Issue security schemes and their levels.',
  endpoints: ['jira.issueSecuritySchemes.list'],
  usedBy: ['reports (sensitive projects)'],
  access: { needs: 'jira-admin', without: 'forbidden', why: 'Jira answers 403 without Administer Jira' },
  schema: z.object({
    id: z.number(),
    name: z.string(),
    description: z.string().nullable(),
    defaultLevelId: z.string().nullable(),
    levels: z.array(z.object({ id: z.string(), name: z.string(), isDefault: z.boolean() })),
  }),
  key: (r) => String(r.id),
});
