import type { SimContext } from '../core/context.ts';
import { adminLimit, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Group } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import { directoryOfGroup, listParam, selectedDirectories } from './admin-directory.ts';
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

function matchingGroups(call: Call): { group: Group; directoryId: string }[] {
  const state = call.ctx.state;
  const directories = selectedDirectories(call);
  const groupIds = new Set(listParam(call.query, 'groupIds'));
  const term = queryString(call.query, 'searchTerm')?.toLowerCase();
  const out: { group: Group; directoryId: string }[] = [];
  for (const group of state.tenant.groups) {
    const dir = directoryOfGroup(state, group);
    if (!dir || !directories.has(dir.directoryId)) continue;
    if (groupIds.size > 0 && !groupIds.has(group.id)) continue;
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
      matchingGroups(call),
      ({ group, directoryId }) => renderGroup(call.ctx, orgId, directoryId, group),
      queryString(call.query, 'cursor'),
      adminLimit(call),
    );
    return { data: page.data, links: page.links };
  });
}
