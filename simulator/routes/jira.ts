import type { Registrar } from '../http/serve.ts';
import { jiraApplicationRoleRoutes } from './jira-application-roles.ts';
import { jiraAuditRoutes } from './jira-audit.ts';
import { jiraFieldRoutes } from './jira-fields.ts';
import { jiraFilterRoutes } from './jira-filters.ts';
import { jiraGroupRoutes } from './jira-groups.ts';
import { jiraInstanceRoutes } from './jira-instance.ts';
import { jiraIssueSecurityRoutes } from './jira-issue-security.ts';
import { jiraPermissionRoutes } from './jira-permissions.ts';
import { jiraProjectRoutes } from './jira-projects.ts';
import { jiraRoleRoutes } from './jira-roles.ts';
import { jiraUserRoutes } from './jira-users.ts';

/**
 * The Jira Cloud platform REST v3 endpoints of a site. The same registrations serve the site
 * listener and, through the 3LO registrar, `api.atlassian.com/ex/jira/{cloudId}`.
 */
export function jiraRoutes(r: Registrar): void {
  jiraInstanceRoutes(r);
  jiraUserRoutes(r);
  jiraPermissionRoutes(r);
  jiraProjectRoutes(r);
  jiraRoleRoutes(r);
  jiraApplicationRoleRoutes(r);
  jiraGroupRoutes(r);
  jiraAuditRoutes(r);
  jiraFilterRoutes(r);
  jiraFieldRoutes(r);
  jiraIssueSecurityRoutes(r);
}
