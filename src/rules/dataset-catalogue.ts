import * as inventory from '../inventory/datasets/index.ts';

// The inventory datasets rules may read, by name. The records are the normalized ones
// src/inventory/datasets defines (its zod schemas are the one source of their types); this map
// only turns a dataset name into its record type, so `requires: ['org.domains']` is checked by the
// compiler and `ctx.items('org.domains')` is typed. A test checks each entry against the inventory.

export const DATASETS = {
  'org.organization': inventory.orgOrganization,
  'org.domains': inventory.orgDomains,
  'org.users': inventory.orgUsers,
  'org.groups': inventory.orgGroups,
  'org.api-tokens': inventory.orgApiTokens,
  'org.api-keys': inventory.orgApiKeys,
  'org.events': inventory.orgEvents,
  'org.policies': inventory.orgPolicies,
  'org.directories': inventory.orgDirectories,
  'org.workspaces': inventory.orgWorkspaces,
  'jira.server-info': inventory.jiraServerInfo,
  'jira.license': inventory.jiraLicense,
  'jira.configuration': inventory.jiraConfiguration,
  'jira.application-properties': inventory.jiraApplicationProperties,
  'jira.permission-schemes': inventory.jiraPermissionSchemes,
  'jira.projects': inventory.jiraProjects,
  'jira.project-roles': inventory.jiraProjectRoles,
  'jira.roles': inventory.jiraRoles,
  'jira.application-roles': inventory.jiraApplicationRoles,
  'jira.groups': inventory.jiraGroups,
  'jira.group-members': inventory.jiraGroupMembers,
  'jira.anonymous-permissions': inventory.jiraAnonymousPermissions,
  'jira.filters': inventory.jiraFilters,
  'jira.dashboards': inventory.jiraDashboards,
  'jira.issue-security-schemes': inventory.jiraIssueSecuritySchemes,
  'jira.fields': inventory.jiraFields,
  'jira.audit': inventory.jiraAudit,
  'jira.users': inventory.jiraUsers,
  'confluence.spaces': inventory.confluenceSpaces,
  'confluence.groups': inventory.confluenceGroups,
  'confluence.system-info': inventory.confluenceSystemInfo,
  'confluence.anonymous': inventory.confluenceAnonymous,
  'confluence.audit': inventory.confluenceAudit,
  'apps.upm-jira': inventory.appsUpmJira,
  'apps.upm-confluence': inventory.appsUpmConfluence,
  'apps.forge': inventory.appsForge,
  'apps.marketplace': inventory.appsMarketplace,
  'apps.installations': inventory.appsInstallations,
} as const;

export type DatasetName = keyof typeof DATASETS;
export const DATASET_NAMES = Object.keys(DATASETS) as [DatasetName, ...DatasetName[]];

/** The normalized record type of a dataset. */
export type DatasetRecord<N extends DatasetName> = inventory.RecordOf<(typeof DATASETS)[N]>;

/** Where a dataset lives: the org, or each site. */
export function datasetScope(name: DatasetName): 'org' | 'site' {
  return DATASETS[name].scope;
}

export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}
