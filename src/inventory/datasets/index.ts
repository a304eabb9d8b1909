import { appsForge, appsInstallations, appsMarketplace, appsUpmConfluence, appsUpmJira } from './apps.ts';
import { confluenceAudit, jiraAudit } from './audit.ts';
import {
  confluenceAnonymous,
  confluenceGroups,
  confluenceSpaces,
  confluenceSystemInfo,
} from './confluence.ts';
import type { Dataset } from './dataset.ts';
import { jiraApplicationRoles, jiraGroupMembers, jiraGroups, jiraUsers } from './jira-access.ts';
import { jiraFields } from './jira-fields.ts';
import {
  jiraApplicationProperties,
  jiraConfiguration,
  jiraLicense,
  jiraServerInfo,
} from './jira-instance.ts';
import {
  jiraAnonymousPermissions,
  jiraIssueSecuritySchemes,
  jiraPermissionSchemes,
} from './jira-permissions.ts';
import { jiraProjectRoles, jiraProjects, jiraRoles } from './jira-projects.ts';
import { jiraDashboards, jiraFilters } from './jira-sharing.ts';
import {
  orgApiKeys,
  orgApiTokens,
  orgDirectories,
  orgDomains,
  orgEvents,
  orgGroups,
  orgOrganization,
  orgPolicies,
  orgUsers,
  orgWorkspaces,
} from './org.ts';

export * from './apps.ts';
export * from './audit.ts';
export * from './confluence.ts';
export type { AdminRight, Dataset, DatasetAccess, DatasetKind, DatasetScope, RecordOf } from './dataset.ts';
export { defineDataset } from './dataset.ts';
export * from './jira-access.ts';
export * from './jira-fields.ts';
export * from './jira-instance.ts';
export * from './jira-permissions.ts';
export * from './jira-projects.ts';
export * from './jira-sharing.ts';
export * from './org.ts';
export { UNKNOWN_DOMAIN_STATUS } from './org.ts';

/** Every dataset Palisade stores, in a stable order (org first, then Jira, Confluence, apps). */
export const datasets: readonly Dataset[] = [
  orgOrganization,
  orgDomains,
  orgUsers,
  orgGroups,
  orgApiTokens,
  orgApiKeys,
  orgEvents,
  orgPolicies,
  orgDirectories,
  orgWorkspaces,
  jiraServerInfo,
  jiraLicense,
  jiraConfiguration,
  jiraApplicationProperties,
  jiraPermissionSchemes,
  jiraProjects,
  jiraProjectRoles,
  jiraRoles,
  jiraApplicationRoles,
  jiraGroups,
  jiraGroupMembers,
  jiraAnonymousPermissions,
  jiraFilters,
  jiraDashboards,
  jiraIssueSecuritySchemes,
  jiraFields,
  jiraAudit,
  jiraUsers,
  confluenceSpaces,
  confluenceGroups,
  confluenceSystemInfo,
  confluenceAnonymous,
  confluenceAudit,
  appsUpmJira,
  appsUpmConfluence,
  appsForge,
  appsMarketplace,
  appsInstallations,
] as Dataset[];

const byName = new Map(datasets.map((d) => [d.name, d]));

/** The dataset with this name; throws on an unknown name so a typo fails at start. */
export function dataset(name: string): Dataset {
  const found = byName.get(name);
  if (!found) throw new Error(`Unknown dataset "${name}" (not in src/inventory/datasets)`);
  return found;
}
