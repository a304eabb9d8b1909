import { SimError } from '../http/errors.ts';
import { startAtArray } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Site, User } from '../tenant/model.ts';
import { applicationRolesJson } from './jira-application-roles.ts';
import { globalPermissions } from './jira-grants.ts';
import { groupNameJson, sortByName, userJson } from './jira-render.ts';
import { expandSet, requireJiraAccess, viewerOf } from './jira-viewer.ts';

// The caller (`/myself`) and the site's users (`/users/search`).
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-users-search-get

/** `groups` and `applicationRoles` always carry their size; `items` only when expanded. */
function myself(call: Call) {
  const v = viewerOf(call);
  requireJiraAccess(v);
  const user = v.user as User;
  const expand = expandSet(call);
  const groups = sortByName(call.ctx.state.groupsOf(user.accountId));
  const roles = applicationRolesJson(call, v.site);
  return {
    ...userJson(call, v, user),
    timeZone: user.timeZone,
    locale: 'en_US',
    groups: {
      size: groups.length,
      items: expand.has('groups') ? groups.map((g) => groupNameJson(call, g)) : [],
    },
    applicationRoles: { size: roles.length, items: expand.has('applicationRoles') ? roles : [] },
    expand: 'groups,applicationRoles',
  };
}

/**
 * Every account of the site's user base, active or not, including app accounts of the apps
 * installed on it; Jira Service Management customers have no Atlassian account and are left out.
 */
function siteUsers(call: Call, site: Site): User[] {
  const state = call.ctx.state;
  const installed = new Set(
    state.tenant.installations.filter((i) => i.siteId === site.id).map((i) => i.appKey),
  );
  const grantedGroups = new Set(
    state.tenant.groups.filter((g) => g.grants.some((x) => x.siteId === site.id)).map((g) => g.id),
  );
  return state.tenant.users.filter((u) => {
    if (u.accountType === 'customer') return false;
    if (u.accountType === 'app') return u.appKey !== undefined && installed.has(u.appKey);
    return (
      u.productAccess.some((p) => p.siteId === site.id) ||
      state.roleOn(u, site.id, 'jira') !== 'none' ||
      (state.groupIdsByUser.get(u.accountId) ?? []).some((id) => grantedGroups.has(id))
    );
  });
}

/** Needs Browse users and groups, which the anonymous user may hold too (`USER_PICKER`). */
function usersSearch(call: Call) {
  const v = viewerOf(call);
  if (!globalPermissions(v).has('USER_PICKER')) {
    throw new SimError(403, 'You do not have the permission to browse users and groups.');
  }
  return startAtArray(call, siteUsers(call, v.site), (u) => userJson(call, v, u));
}

export function jiraUserRoutes(r: Registrar): void {
  r.serve('jira.myself.get', myself);
  r.serve('jira.users.search', usersSearch);
}
