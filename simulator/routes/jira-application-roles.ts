import type { Call, Registrar } from '../http/serve.ts';
import type { Group, Site } from '../tenant/model.ts';
import { jiraProductKeys } from './jira-grants.ts';
import { groupNameJson } from './jira-render.ts';
import { requireJiraAdmin, viewerOf } from './jira-viewer.ts';

// Application roles: one per Jira product on the site, listing the groups whose grants give
// access to Jira there. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-application-roles/

const PRODUCT_NAMES: Record<string, string> = {
  'jira-software': 'Jira Software',
  'jira-servicedesk': 'Jira Service Management',
};

/** Groups whose grants give Jira access on the site (product user or admin, or site admin). */
export function jiraAccessGroups(call: Call, site: Site): Group[] {
  return call.ctx.state.tenant.groups.filter((g) =>
    g.grants.some((x) => x.siteId === site.id && (x.product === 'jira' || x.role === 'site-admin')),
  );
}

export function applicationRolesJson(call: Call, site: Site): Record<string, unknown>[] {
  const state = call.ctx.state;
  const groups = jiraAccessGroups(call, site);
  const defaults = groups.filter((g) =>
    g.grants.some((x) => x.siteId === site.id && x.product === 'jira' && x.role === 'user'),
  );
  // App accounts do not count against the licence.
  const userCount = state.tenant.users.filter(
    (u) => u.accountType === 'atlassian' && state.roleOn(u, site.id, 'jira') !== 'none',
  ).length;
  const numberOfSeats = site.jira?.plan === 'FREE' ? 10 : Math.max(10, Math.ceil(userCount / 10) * 10);
  return jiraProductKeys(site).map((key) => ({
    key,
    groups: groups.map((g) => g.name),
    groupDetails: groups.map((g) => groupNameJson(call, g)),
    name: PRODUCT_NAMES[key] ?? key,
    defaultGroups: defaults.map((g) => g.name),
    defaultGroupsDetails: defaults.map((g) => groupNameJson(call, g)),
    selectedByDefault: false,
    defined: false,
    numberOfSeats,
    remainingSeats: numberOfSeats - userCount,
    userCount,
    userCountDescription: `${userCount} users`,
    hasUnlimitedSeats: false,
    platform: false,
  }));
}

export function jiraApplicationRoleRoutes(r: Registrar): void {
  r.serve('jira.applicationRoles.list', (call) => {
    const v = viewerOf(call);
    requireJiraAdmin(v);
    return applicationRolesJson(call, v.site);
  });
}
