import { SimError } from '../http/errors.ts';
import { pageBean, queryList, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Group } from '../tenant/model.ts';
import { globalPermissions, jiraProductKeys } from './jira-grants.ts';
import { sortByName, userJson } from './jira-render.ts';
import { boolParam, type Viewer, viewerOf } from './jira-viewer.ts';

// Groups (`/group/bulk`) and their members (`/group/member`).
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/

const ACCESS_TYPES = new Set(['site-admin', 'admin', 'user']);
const APPLICATION_KEYS = new Set([
  'jira-servicedesk',
  'jira-software',
  'jira-product-discovery',
  'jira-core',
]);

function requireBrowseUsers(v: Viewer): void {
  if (!globalPermissions(v).has('USER_PICKER')) {
    throw new SimError(403, 'Browse users and groups permission is required to view groups.');
  }
}

/**
 * `accessType` keeps the groups whose grants on this site confer that level: `site-admin`, or
 * product `admin` / `user` access to Jira (`applicationKey` names the Jira product).
 */
function accessFilter(call: Call, v: Viewer): (g: Group) => boolean {
  const accessType = queryString(call.query, 'accessType');
  const applicationKey = queryString(call.query, 'applicationKey');
  if (applicationKey && !APPLICATION_KEYS.has(applicationKey)) {
    throw new SimError(400, `Invalid applicationKey '${applicationKey}'.`);
  }
  if (!accessType) return () => true;
  if (!ACCESS_TYPES.has(accessType)) throw new SimError(400, `Invalid accessType '${accessType}'.`);
  // Product-level access types match only a Jira product the site actually has.
  const productOnSite = !applicationKey || jiraProductKeys(v.site).includes(applicationKey);
  return (g) =>
    g.grants.some((x) => {
      if (x.siteId !== v.site.id) return false;
      if (accessType === 'site-admin') return x.role === 'site-admin';
      return productOnSite && x.product === 'jira' && x.role === accessType;
    });
}

function bulkGroups(call: Call) {
  const v = viewerOf(call);
  requireBrowseUsers(v);
  const ids = new Set(queryList(call.query, 'groupId'));
  const names = new Set(queryList(call.query, 'groupName').map((n) => n.toLowerCase()));
  const byAccess = accessFilter(call, v);
  const groups = sortByName(call.ctx.state.tenant.groups)
    .filter((g) => ids.size === 0 || ids.has(g.id))
    .filter((g) => names.size === 0 || names.has(g.name.toLowerCase()))
    .filter(byAccess);
  return pageBean(call, groups, (g) => ({ name: g.name, groupId: g.id }));
}

/** Browse users and groups, or Administer Jira (the operation's "Permissions required"). */
function groupMembers(call: Call) {
  const v = viewerOf(call);
  if (!v.admin && !globalPermissions(v).has('USER_PICKER')) {
    throw new SimError(403, 'You do not have the permission to browse users and groups.');
  }
  const state = call.ctx.state;
  const groupId = queryString(call.query, 'groupId');
  const groupname = queryString(call.query, 'groupname');
  if (groupId && groupname) {
    throw new SimError(400, 'You must provide either the groupId or the groupname parameter, not both.');
  }
  if (!groupId && !groupname) throw new SimError(400, 'You must specify a group name or a group ID.');
  const group = groupId
    ? state.groupsById.get(groupId)
    : state.groupsByName.get((groupname ?? '').toLowerCase());
  if (!group) {
    throw new SimError(
      404,
      groupId ? `Group with ID '${groupId}' does not exist.` : `Group '${groupname}' does not exist.`,
    );
  }
  const includeInactive = boolParam(call, 'includeInactiveUsers', false);
  const members = sortByName(
    group.memberIds
      .map((id) => state.usersById.get(id))
      .filter((u) => u !== undefined)
      .filter((u) => includeInactive || u.accountStatus === 'active'),
  );
  return pageBean(call, members, (u) => userJson(call, v, u));
}

export function jiraGroupRoutes(r: Registrar): void {
  r.serve('jira.groups.list', bulkGroups);
  r.serve('jira.groupMembers.list', groupMembers);
}
