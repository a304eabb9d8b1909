import type { SiteRef } from '../../atlassian/api.ts';
import { readsLicense } from './apps-upm.ts';
import { memberGroups } from './jira-group-members.ts';
import type { AccessGroupCounts, SiteCounts, TenantCounts } from './minimum-calls.ts';

// The counts minimumCalls needs, read off a sync's own records: how many items each dataset holds
// is how many the APIs returned. Two figures cannot be seen in the records and are passed in:
// how many custom fields a site has (only app-provided ones are kept) and how many Marketplace
// reads the cache served.

/** Reads one dataset's records in one scope ('org' or a site's cloud id). */
export type ReadRecords = (dataset: string, scope: string) => unknown[];

export interface CountOptions {
  /** Whether org datasets were collected (an org API key was given). */
  org: boolean;
  sites: readonly SiteRef[];
  /** Custom fields per site cloud id; default: the app-provided ones the records hold (a lower bound). */
  customFields?: ReadonlyMap<string, number>;
  /** Apps the Marketplace cache answered (no call was needed); default 0, a first sync. */
  marketplaceCached?: number;
  /** The org API key could not read the org-wide API token list: tokens were read per account. */
  apiTokensPerAccount?: boolean;
  /** The `groupMembers` option the sync ran with (default `admin-and-product`). */
  groupMembers?: 'admin' | 'admin-and-product';
}

type Rec = Record<string, unknown>;

export function countsFromRecords(read: ReadRecords, options: CountOptions): TenantCounts {
  const recs = (dataset: string, scope: string) => read(dataset, scope) as Rec[];
  const n = (dataset: string, scope: string) => read(dataset, scope).length;
  const access = (dataset: string, scope: string): AccessGroupCounts => {
    const groups = recs(dataset, scope).map((g) => (Array.isArray(g.accessTypes) ? g.accessTypes : []));
    const count = (t: string) => groups.filter((types) => types.includes(t)).length;
    return { siteAdmin: count('site-admin'), admin: count('admin'), user: count('user') };
  };
  const licensed = (dataset: string, scope: string) =>
    recs(dataset, scope).filter((p) =>
      readsLicense({ optional: p.optional === true, usesLicensing: p.usesLicensing === true }),
    ).length;
  const counts: TenantCounts = { sites: [] };
  if (options.org) {
    const answers = recs('apps.marketplace', 'org');
    const cached = options.marketplaceCached ?? 0;
    const listed = answers.filter((a) => a.listed === true);
    counts.org = {
      domains: n('org.domains', 'org'),
      directoryUsers: n('org.users', 'org'),
      groups: n('org.groups', 'org'),
      policies: n('org.policies', 'org'),
      directories: n('org.directories', 'org'),
      workspaces: n('org.workspaces', 'org'),
      events: n('org.events', 'org'),
      apiTokens: recs('org.api-tokens', 'org').reduce(
        (sum, r) => sum + (Array.isArray(r.tokens) ? r.tokens.length : 0),
        0,
      ),
      ...(options.apiTokensPerAccount ? { apiTokenAccounts: n('org.api-tokens', 'org') } : {}),
      apiKeys: n('org.api-keys', 'org'),
      marketplace: {
        apps: Math.max(0, answers.length - cached),
        listed: cached > 0 ? 0 : listed.length,
        vendors: cached > 0 ? 0 : new Set(listed.map((a) => a.vendorId).filter((v) => v !== null)).size,
      },
    };
  }
  for (const site of options.sites) {
    const s = site.cloudId;
    const counted: SiteCounts = { forgeInstallations: n('apps.forge', s) };
    if (site.products.includes('jira')) {
      const members = recs('jira.group-members', s);
      const groups = memberGroups(
        recs('jira.groups', s).map((g) => ({
          groupId: String(g.groupId),
          name: String(g.name),
          accessTypes: (g.accessTypes as ('site-admin' | 'admin' | 'user')[]) ?? [],
        })),
        options.groupMembers ?? 'admin-and-product',
      );
      const projects = recs('jira.projects', s);
      counted.jira = {
        projects: projects.length,
        permissionSchemes: n('jira.permission-schemes', s),
        projectRoleCalls: n('jira.project-roles', s) + projects.filter((p) => p.simplified === true).length,
        accessGroups: access('jira.groups', s),
        groupMembers: groups.map((g) => members.filter((m) => m.groupId === g.groupId).length),
        users: n('jira.users', s),
        filters: n('jira.filters', s),
        dashboards: n('jira.dashboards', s),
        customFields: options.customFields?.get(s) ?? n('jira.fields', s),
        auditRecords: n('jira.audit', s),
        anonymousProjectProbes: recs('jira.anonymous-permissions', s).filter((r) => r.scope === 'project')
          .length,
        licensedApps: licensed('apps.upm-jira', s),
      };
    }
    if (site.products.includes('confluence')) {
      const anonymous = recs('confluence.anonymous', s)[0];
      counted.confluence = {
        spaces: n('confluence.spaces', s),
        accessGroups: access('confluence.groups', s),
        auditRecords: n('confluence.audit', s),
        anonymousSpaces: Array.isArray(anonymous?.visibleSpaceKeys) ? anonymous.visibleSpaceKeys.length : 0,
        licensedApps: licensed('apps.upm-confluence', s),
      };
    }
    counts.sites.push(counted);
  }
  return counts;
}
