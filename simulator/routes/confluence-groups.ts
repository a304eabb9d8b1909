import { SimError } from '../http/errors.ts';
import { queryString, startLimit } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Group, User } from '../tenant/model.ts';
import { confluenceOf, viewerOf } from './confluence-access.ts';
import { renderV1Group, renderV1User } from './confluence-v1-render.ts';

// Confluence REST v1 groups and group members.
// https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-group/

const accessTypes = ['user', 'admin', 'site-admin'] as const;
type AccessType = (typeof accessTypes)[number];

/** A group's permission level on this site's Confluence, as `accessType` filters it. */
function grants(group: Group, siteId: string, accessType: AccessType): boolean {
  return group.grants.some(
    (g) =>
      g.siteId === siteId &&
      g.role === accessType &&
      // Site administration is not per product; product access and admin are.
      (accessType === 'site-admin' || g.product === 'confluence'),
  );
}

function listGroups(call: Call) {
  const { site } = confluenceOf(call);
  viewerOf(call);
  const accessType = queryString(call.query, 'accessType');
  if (accessType && !(accessTypes as readonly string[]).includes(accessType)) {
    throw new SimError(400, `Invalid accessType '${accessType}'`);
  }
  const groups = call.ctx.state.tenant.groups
    .filter((g) => !accessType || grants(g, site.id, accessType as AccessType))
    // "ordered alphabetically in ascending order by group name" (spec).
    .sort((a, b) => a.name.localeCompare(b.name));
  return { ...startLimit(call, groups, (g) => renderV1Group(call, g)), totalSize: groups.length };
}

function listMembers(call: Call) {
  confluenceOf(call);
  viewerOf(call);
  const groupId = call.params.groupId ?? '';
  const group = call.ctx.state.groupsById.get(groupId);
  if (!group) throw new SimError(404, `Group with id ${groupId} not found`);
  const state = call.ctx.state;
  const members = group.memberIds
    .map((id) => state.usersById.get(id))
    .filter((u): u is User => u !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name) || a.accountId.localeCompare(b.accountId));
  const page = startLimit(call, members, (u) => renderV1User(call, u));
  // The total is only counted on request: "fetching total size property is an expensive operation".
  return queryString(call.query, 'shouldReturnTotalSize') === 'true'
    ? { ...page, totalSize: members.length }
    : page;
}

export function confluenceGroupRoutes(r: Registrar): void {
  r.serve('confluence.groups.list', listGroups);
  r.serve('confluence.groupMembers.list', listMembers);
}
