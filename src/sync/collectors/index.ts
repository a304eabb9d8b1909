import type { Collector } from '../collector.ts';
import { appsForgeCollector } from './apps-forge.ts';
import { appsInstallationsCollector } from './apps-installations.ts';
import { type AppsMarketplaceDeps, appsMarketplaceCollector } from './apps-marketplace.ts';
import { upmCollector } from './apps-upm.ts';
import { confluenceAnonymousCollector } from './confluence-anonymous.ts';
import { confluenceAuditCollector } from './confluence-audit.ts';
import { confluenceGroupsCollector } from './confluence-groups.ts';
import { confluenceSpacesCollector } from './confluence-spaces.ts';
import { confluenceSystemInfoCollector } from './confluence-system-info.ts';
import { jiraAnonymousPermissionsCollector } from './jira-anonymous-permissions.ts';
import { jiraAuditCollector } from './jira-audit.ts';
import { jiraFieldsCollector } from './jira-fields.ts';
import { type JiraGroupMembersOptions, jiraGroupMembersCollector } from './jira-group-members.ts';
import { jiraGroupsCollector } from './jira-groups.ts';
import {
  jiraApplicationPropertiesCollector,
  jiraConfigurationCollector,
  jiraLicenseCollector,
  jiraServerInfoCollector,
} from './jira-instance.ts';
import { jiraIssueSecuritySchemesCollector } from './jira-issue-security-schemes.ts';
import { jiraPermissionSchemesCollector } from './jira-permission-schemes.ts';
import { jiraProjectRolesCollector } from './jira-project-roles.ts';
import { jiraProjectsCollector } from './jira-projects.ts';
import { jiraApplicationRolesCollector, jiraRolesCollector } from './jira-roles.ts';
import { jiraDashboardsCollector, jiraFiltersCollector } from './jira-sharing.ts';
import { jiraUsersCollector } from './jira-users.ts';
import { orgApiKeysCollector } from './org-api-keys.ts';
import { type ApiTokenCoverage, orgApiTokensCollector } from './org-api-tokens.ts';
import { orgDirectoriesCollector } from './org-directories.ts';
import { orgDomainsCollector } from './org-domains.ts';
import { orgEventsCollector } from './org-events.ts';
import { orgGroupsCollector } from './org-groups.ts';
import { orgOrganizationCollector } from './org-organization.ts';
import { orgPoliciesCollector } from './org-policies.ts';
import { orgUsersCollector } from './org-users.ts';
import { orgWorkspacesCollector } from './org-workspaces.ts';

export type { MarketplaceAnswer, MarketplaceCache } from './apps-marketplace.ts';
export { type CallBudget, minimumCalls, pagesFor, type TenantCounts } from './minimum-calls.ts';
export { type CountOptions, countsFromRecords, type ReadRecords } from './minimum-counts.ts';
export type { ApiTokenCoverage } from './org-api-tokens.ts';

export interface CollectorDeps extends Pick<AppsMarketplaceDeps, 'marketplaceCache'> {
  /**
   * Whose API tokens to read when the org API key may not read the org-wide list: one call per
   * account (default `admins`; see org-api-tokens.ts).
   */
  apiTokens?: ApiTokenCoverage;
  /** The account whose API token Palisade scans with (from discovery): its tokens are marked. */
  palisadeAccountId?: string | undefined;
  /** Which groups' members to read (default `admin-and-product`; see jira-group-members.ts). */
  groupMembers?: JiraGroupMembersOptions['groups'];
}

/** Every collector, one per dataset of src/inventory/datasets (the sync plan orders them by dependsOn). */
export function defaultCollectors(deps: CollectorDeps): Collector[] {
  return [
    orgOrganizationCollector(),
    orgDomainsCollector(),
    orgUsersCollector(),
    orgGroupsCollector(),
    orgApiTokensCollector({
      accounts: deps.apiTokens ?? 'admins',
      palisadeAccountId: deps.palisadeAccountId,
    }),
    orgApiKeysCollector(),
    orgEventsCollector(),
    orgPoliciesCollector(),
    orgDirectoriesCollector(),
    orgWorkspacesCollector(),
    jiraServerInfoCollector(),
    jiraLicenseCollector(),
    jiraConfigurationCollector(),
    jiraApplicationPropertiesCollector(),
    jiraPermissionSchemesCollector(),
    jiraProjectsCollector(),
    jiraProjectRolesCollector(),
    jiraRolesCollector(),
    jiraApplicationRolesCollector(),
    jiraGroupsCollector(),
    jiraGroupMembersCollector({ groups: deps.groupMembers ?? 'admin-and-product' }),
    jiraAnonymousPermissionsCollector(),
    jiraFiltersCollector(),
    jiraDashboardsCollector(),
    jiraIssueSecuritySchemesCollector(),
    jiraFieldsCollector(),
    jiraAuditCollector(),
    jiraUsersCollector(),
    confluenceSpacesCollector(),
    confluenceGroupsCollector(),
    confluenceSystemInfoCollector(),
    confluenceAnonymousCollector(),
    confluenceAuditCollector(),
    upmCollector('jira'),
    upmCollector('confluence'),
    appsForgeCollector(),
    appsMarketplaceCollector({ marketplaceCache: deps.marketplaceCache }),
    appsInstallationsCollector(),
  ];
}
