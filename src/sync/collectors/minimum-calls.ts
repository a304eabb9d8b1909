import { endpoint } from '../../atlassian/catalogue/index.ts';

// The fewest calls the collectors can make for a tenant: what the benchmark compares a sync's call
// count with. For a list: ceil(items / the endpoint's maximum page size), at least one call (an
// empty list still costs one); a plain-array list (`/users/search`) has no "last page" flag, so a
// full last page costs one more empty call. Where Atlassian offers no bulk read, one call per
// parent is the minimum (see README.md: project schemes and roles, group members, API tokens when
// the org-wide list is refused, the per-project anonymous probe, the Marketplace per app, UPM's licence per licensed app).

export interface AccessGroupCounts {
  siteAdmin: number;
  admin: number;
  user: number;
}

export interface OrgCounts {
  domains: number;
  /** Accounts v2 `directories/-/users` lists (Atlassian accounts in the org's directories). */
  directoryUsers: number;
  groups: number;
  policies: number;
  directories: number;
  /** Product instances (one per product of each site). */
  workspaces: number;
  /** Org events in the window read (since the last cursor; all of them on a first sync). */
  events: number;
  /** User API tokens the org-wide list (API Access API) returns. */
  apiTokens: number;
  /**
   * Accounts whose tokens are read one by one (per the `apiTokens` coverage option) when the key
   * may not read the org-wide list: that list's refusal costs one call more. Absent: the list was read.
   */
  apiTokenAccounts?: number;
  /** Org API keys the API Access API lists. */
  apiKeys: number;
  /** Marketplace reads not served by the cache: distinct (key, version) apps, listed ones, vendors. */
  marketplace: { apps: number; listed: number; vendors: number };
}

export interface JiraCounts {
  /** Live and archived projects. */
  projects: number;
  permissionSchemes: number;
  /** Σ over projects of the roles read, + 1 per team-managed project (its role list): see plannedRoles. */
  projectRoleCalls: number;
  /** Groups `group/bulk` returns per accessType. */
  accessGroups: AccessGroupCounts;
  /** Member counts (inactive included) of each group whose members are read. */
  groupMembers: number[];
  /** Accounts `/users/search` returns. */
  users: number;
  filters: number;
  dashboards: number;
  customFields: number;
  auditRecords: number;
  /** Projects probed one by one (0 when the site-wide anonymous probe shows no project permission). */
  anonymousProjectProbes: number;
  /** UPM plugins whose own page is read for their licence (installed apps that use licensing); default 0. */
  licensedApps?: number;
}

export interface ConfluenceCounts {
  spaces: number;
  accessGroups: AccessGroupCounts;
  auditRecords: number;
  /** Spaces an anonymous listing returns. */
  anonymousSpaces: number;
  /** UPM plugins whose own page is read for their licence (installed apps that use licensing); default 0. */
  licensedApps?: number;
}

export interface SiteCounts {
  jira?: JiraCounts;
  confluence?: ConfluenceCounts;
  /** Installations the GraphQL gateway lists for the site's products. */
  forgeInstallations: number;
}

export interface TenantCounts {
  org?: OrgCounts;
  sites: SiteCounts[];
}

export interface CallBudget {
  total: number;
  /** Per dataset, summed over sites. */
  byDataset: Record<string, number>;
}

/** Calls to walk `items` items of a paginated endpoint at its maximum page size. */
export function pagesFor(endpointId: string, items: number): number {
  const e = endpoint(endpointId);
  const max = e.pageSize?.max ?? 1;
  if (e.pagination === 'start-at-array') return Math.floor(items / max) + 1;
  return Math.max(1, Math.ceil(items / max));
}

const accessWalks = (endpointId: string, g: AccessGroupCounts) =>
  pagesFor(endpointId, g.siteAdmin) + pagesFor(endpointId, g.admin) + pagesFor(endpointId, g.user);

export function minimumCalls(counts: TenantCounts): CallBudget {
  const byDataset: Record<string, number> = {};
  const add = (dataset: string, calls: number) => {
    byDataset[dataset] = (byDataset[dataset] ?? 0) + calls;
  };
  const o = counts.org;
  if (o) {
    add('org.organization', 1);
    add('org.domains', pagesFor('admin.domains.list', o.domains));
    add('org.users', pagesFor('admin.directory.users.search', o.directoryUsers));
    add('org.groups', pagesFor('admin.directory.groups.search', o.groups));
    add(
      'org.api-tokens',
      o.apiTokenAccounts === undefined
        ? pagesFor('admin.apiAccess.apiTokens.list', o.apiTokens)
        : 1 + o.apiTokenAccounts,
    );
    add('org.api-keys', pagesFor('admin.apiAccess.apiKeys.list', o.apiKeys));
    add('org.events', pagesFor('admin.events.list', o.events));
    add('org.policies', pagesFor('admin.policies.list', o.policies));
    add('org.directories', pagesFor('admin.directories.list', o.directories));
    add('org.workspaces', pagesFor('admin.workspaces.search', o.workspaces));
    add('apps.marketplace', o.marketplace.apps + o.marketplace.listed + o.marketplace.vendors);
  }
  for (const site of counts.sites) {
    const j = site.jira;
    if (j) {
      for (const d of [
        'jira.server-info',
        'jira.license',
        'jira.configuration',
        'jira.application-properties',
        'jira.permission-schemes',
        'jira.roles',
        'jira.application-roles',
        'jira.issue-security-schemes',
      ]) {
        add(d, 1);
      }
      add('apps.upm-jira', 1 + (j.licensedApps ?? 0));
      add(
        'jira.projects',
        pagesFor('jira.projects.search', j.projects) + (j.permissionSchemes === 1 ? 0 : j.projects),
      );
      add('jira.project-roles', j.projectRoleCalls);
      add('jira.groups', accessWalks('jira.groups.list', j.accessGroups));
      add(
        'jira.group-members',
        j.groupMembers.reduce((sum, m) => sum + pagesFor('jira.groupMembers.list', m), 0),
      );
      add('jira.anonymous-permissions', 1 + j.anonymousProjectProbes);
      add('jira.filters', pagesFor('jira.filters.search', j.filters));
      add('jira.dashboards', pagesFor('jira.dashboards.search', j.dashboards));
      add('jira.fields', pagesFor('jira.fields.search', j.customFields));
      add('jira.audit', pagesFor('jira.auditRecords.list', j.auditRecords));
      add('jira.users', pagesFor('jira.users.search', j.users));
    }
    const c = site.confluence;
    if (c) {
      add('confluence.spaces', pagesFor('confluence.spacesWithPermissions.list', c.spaces));
      add('confluence.groups', accessWalks('confluence.groups.list', c.accessGroups));
      add('confluence.system-info', 1);
      add('confluence.anonymous', 1 + pagesFor('confluence.spacesWithPermissions.list', c.anonymousSpaces));
      add('confluence.audit', pagesFor('confluence.auditRecords.list', c.auditRecords));
      add('apps.upm-confluence', 1 + (c.licensedApps ?? 0));
    }
    if (j || c) add('apps.forge', pagesFor('graphql.appInstallations.list', site.forgeInstallations));
  }
  const total = Object.values(byDataset).reduce((a, b) => a + b, 0);
  return { total, byDataset };
}
