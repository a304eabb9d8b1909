import type { SimContext } from '../core/context.ts';
import { SimError } from '../http/errors.ts';
import { adminLimit, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Group } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import {
  bodyFilters,
  directoryOfGroup,
  type Filters,
  queryFilters,
  searchBody,
  selectedDirectories,
} from './admin-directory.ts';
import { orgUrl } from './admin-orgs.ts';
import { v2Page } from './admin-pages.ts';

// GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups (GA November 2025). No spec is
// published; the group follows jira.js `MultiDirectoryGroup`, generated from Atlassian's reference:
// `{id, name, description, directoryId, externalSynced, managedBy, managementAccess:{readable,
// modifiable, deletable}, counts:{users, resources}, links:{self}}` — `counts.users` is the member
// count. https://developer.atlassian.com/cloud/admin/organization/rest/api-group-groups/

function renderGroup(ctx: SimContext, orgId: string, directoryId: string, group: Group) {
  const external = group.managedBy === 'external';
  const resources = new Set(group.grants.map((g) => `${g.siteId}/${g.product}`));
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    directoryId,
    // Groups synced from an identity provider can only be changed there.
    externalSynced: external,
    managedBy: group.managedBy,
    managementAccess: { readable: true, modifiable: !external, deletable: !external },
    counts: { users: group.memberIds.length, resources: resources.size },
    links: { self: `${orgUrl(ctx, orgId, 'v2')}/directories/${directoryId}/groups/${group.id}` },
  };
}

function matchingGroups(call: Call, filter: Filters): { group: Group; directoryId: string }[] {
  const state = call.ctx.state;
  const directories = selectedDirectories(call, filter('directoryIds'));
  const groupIds = new Set(filter('groupIds'));
  const names = new Set(filter('groupNames').map((n) => n.toLowerCase()));
  const members = filter('accountIds');
  const term = filter('searchTerm')[0]?.toLowerCase();
  const out: { group: Group; directoryId: string }[] = [];
  for (const group of state.tenant.groups) {
    const dir = directoryOfGroup(state, group);
    if (!dir || !directories.has(dir.directoryId)) continue;
    if (groupIds.size > 0 && !groupIds.has(group.id)) continue;
    if (names.size > 0 && !names.has(group.name.toLowerCase())) continue;
    if (members.length > 0 && !members.some((m) => group.memberIds.includes(m))) continue;
    if (term && !group.name.toLowerCase().includes(term)) continue;
    out.push({ group, directoryId: dir.directoryId });
  }
  return out;
}

export function directoryGroupRoutes(r: Registrar): void {
  serveAdmin(r, 'admin.directory.groups.list', (call) => {
    const orgId = call.ctx.state.tenant.org.id;
    const page = v2Page(
      call,
      matchingGroups(call, queryFilters(call)),
      ({ group, directoryId }) => renderGroup(call.ctx, orgId, directoryId, group),
      queryString(call.query, 'cursor'),
      adminLimit(call),
    );
    return { data: page.data, links: page.links };
  });

  // POST …/groups/search, the list's replacement: filters, `cursor`, `limit` in the body; the
  // counts come only when `expand` asks (`counts.users`, `counts.resources`), and `groupNames` is
  // exclusive with `searchTerm` and `groupIds` (400).
  // https://developer.atlassian.com/cloud/admin/organization/rest/api-group-groups/
  serveAdmin(r, 'admin.directory.groups.search', (call) => {
    const body = searchBody(call.body);
    const filter = bodyFilters(body);
    if (
      filter('groupNames').length > 0 &&
      (filter('searchTerm').length > 0 || filter('groupIds').length > 0)
    ) {
      throw new SimError(400, 'groupNames cannot be used with searchTerm or groupIds.', {
        code: 'ADMIN-400-4',
      });
    }
    const orgId = call.ctx.state.tenant.org.id;
    const expand = new Set(filter('expand'));
    const page = v2Page(
      call,
      matchingGroups(call, filter),
      ({ group, directoryId }) => {
        const { counts, ...base } = renderGroup(call.ctx, orgId, directoryId, group);
        const wanted = {
          ...(expand.has('counts.users') ? { users: counts.users } : {}),
          ...(expand.has('counts.resources') ? { resources: counts.resources } : {}),
        };
        return { ...base, ...(Object.keys(wanted).length > 0 ? { counts: wanted } : {}) };
      },
      filter('cursor')[0],
      adminLimit(call, body.limit ?? call.endpoint.pageSize?.default),
    );
    return { data: page.data, links: page.links };
  });
}
