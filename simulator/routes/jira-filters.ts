import { SimError } from '../http/errors.ts';
import { pageBean, queryList, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Dashboard, Filter, SharePermission } from '../tenant/model.ts';
import { api, siteUrl, userBeanJson, userJson } from './jira-render.ts';
import { shareJson, shareReaches } from './jira-share-permissions.ts';
import { boolParam, expandSet, type Viewer, viewerOf } from './jira-viewer.ts';

// Filters and dashboards visible to the caller, with their share permissions on request.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-filters/#api-rest-api-3-filter-search-get
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-dashboards/#api-rest-api-3-dashboard-search-get

const FILTER_EXPANDS = new Set([
  'description',
  'favourite',
  'favouritedCount',
  'jql',
  'owner',
  'searchUrl',
  'sharePermissions',
  'editPermissions',
  'isWritable',
  'approximateLastUsed',
  'subscriptions',
  'viewUrl',
]);
const DASHBOARD_EXPANDS = new Set([
  'description',
  'owner',
  'viewUrl',
  'favourite',
  'favouritedCount',
  'sharePermissions',
  'editPermissions',
  'isWritable',
]);
const FILTER_ORDERS = new Set([
  'description',
  'favourite_count',
  'id',
  'is_favourite',
  'name',
  'owner',
  'is_shared',
]);
const DASHBOARD_ORDERS = new Set(['description', 'favorite_count', 'id', 'is_favorite', 'name', 'owner']);

type Shared = {
  id: string;
  name: string;
  description: string;
  ownerAccountId: string;
  sharePermissions: SharePermission[];
};

function checkedExpand(call: Call, allowed: Set<string>): Set<string> {
  const expand = expandSet(call);
  for (const e of expand) if (!allowed.has(e)) throw new SimError(400, `Invalid expand value '${e}'.`);
  return expand;
}

function visible(call: Call, v: Viewer, item: Shared): boolean {
  if (v.user && item.ownerAccountId === v.user.accountId) return true;
  return item.sharePermissions.some((s) => shareReaches(call.ctx.state, v, s));
}

/** The filters common to both searches: name, owner, group share, project share, order. */
function narrowed<T extends Shared>(
  call: Call,
  items: readonly T[],
  nameParam: string,
  orders: Set<string>,
): T[] {
  const state = call.ctx.state;
  const name = (queryString(call.query, nameParam) ?? '').toLowerCase();
  const accountId = queryString(call.query, 'accountId');
  if (accountId && queryString(call.query, 'owner')) {
    throw new SimError(400, "The parameters 'accountId' and 'owner' cannot be used together.");
  }
  const groupId = queryString(call.query, 'groupId');
  const groupname = queryString(call.query, 'groupname');
  if (groupId && groupname)
    throw new SimError(400, "The parameters 'groupId' and 'groupname' cannot be used together.");
  const group = groupname ? state.groupsByName.get(groupname.toLowerCase()) : undefined;
  const shareGroup = groupId ?? (groupname ? (group?.id ?? '\0') : undefined);
  const projectId = queryString(call.query, 'projectId');
  if (projectId !== undefined && !/^\d+$/.test(projectId)) {
    throw new SimError(400, `The value '${projectId}' is invalid for the parameter 'projectId'.`);
  }
  const orderBy = queryString(call.query, 'orderBy') || 'name';
  const field = orderBy.replace(/^[+-]/, '');
  if (!orders.has(field)) throw new SimError(400, `Invalid orderBy value '${orderBy}'.`);
  const key = (x: T): string | number => {
    if (field === 'id') return Number(x.id);
    if (field === 'description') return x.description.toLowerCase();
    if (field === 'owner') return x.ownerAccountId;
    if (field === 'is_shared') return x.sharePermissions.length > 0 ? 1 : 0;
    // No favourites in the model: favourite orders fall back to the name.
    return x.name.toLowerCase();
  };
  const desc = orderBy.startsWith('-');
  return items
    .filter((x) => !name || x.name.toLowerCase().includes(name))
    .filter((x) => !accountId || x.ownerAccountId === accountId)
    .filter(
      (x) =>
        shareGroup === undefined ||
        x.sharePermissions.some((s) => s.type === 'group' && s.groupId === shareGroup),
    )
    .filter((x) => !projectId || x.sharePermissions.some((s) => s.projectId === projectId))
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : Number(a.id) - Number(b.id);
      return desc ? -c : c;
    });
}

function filterJson(call: Call, v: Viewer, f: Filter, expand: Set<string>) {
  const owner = call.ctx.state.usersById.get(f.ownerAccountId);
  const jql = encodeURIComponent(f.jql);
  return {
    expand:
      'description,owner,jql,searchUrl,viewUrl,favourite,favouritedCount,sharePermissions,editPermissions,isWritable,approximateLastUsed,subscriptions',
    self: api(call, `/filter/${f.id}`),
    id: f.id,
    name: f.name,
    ...(expand.has('description') ? { description: f.description } : {}),
    ...(expand.has('owner') && owner ? { owner: userJson(call, v, owner) } : {}),
    ...(expand.has('jql') ? { jql: f.jql } : {}),
    ...(expand.has('viewUrl') ? { viewUrl: `${siteUrl(call)}/issues/?filter=${f.id}` } : {}),
    ...(expand.has('searchUrl') ? { searchUrl: api(call, `/search?jql=${jql}`) } : {}),
    ...(expand.has('favourite') ? { favourite: false } : {}),
    ...(expand.has('favouritedCount') ? { favouritedCount: 0 } : {}),
    ...(expand.has('sharePermissions')
      ? { sharePermissions: f.sharePermissions.map((s) => shareJson(call, v, s)) }
      : {}),
    // The model keeps no edit shares: only the owner can edit.
    ...(expand.has('editPermissions') ? { editPermissions: [] } : {}),
    ...(expand.has('subscriptions') ? { subscriptions: [] } : {}),
  };
}

/** `overrideSharePermissions=true` returns every filter, and only Jira administrators may ask. */
function searchFilters(call: Call) {
  const v = viewerOf(call);
  const expand = checkedExpand(call, FILTER_EXPANDS);
  const override = boolParam(call, 'overrideSharePermissions', false);
  if (override && !v.admin) {
    throw new SimError(400, 'Only Jira administrators can use the overrideSharePermissions parameter.');
  }
  const ids = queryList(call.query, 'id');
  for (const id of ids)
    if (!/^\d+$/.test(id)) throw new SimError(400, `The value '${id}' is invalid for the parameter 'id'.`);
  if (ids.length > 200) throw new SimError(400, 'No more than 200 filter IDs can be requested.');
  const filters = narrowed(call, v.jira.filters, 'filterName', FILTER_ORDERS)
    .filter((f) => ids.length === 0 || ids.includes(f.id))
    .filter((f) => override || visible(call, v, f));
  return pageBean(call, filters, (f) => filterJson(call, v, f, expand));
}

function dashboardJson(call: Call, v: Viewer, d: Dashboard, expand: Set<string>) {
  const owner = call.ctx.state.usersById.get(d.ownerAccountId);
  return {
    id: d.id,
    name: d.name,
    self: api(call, `/dashboard/${d.id}`),
    ...(expand.has('description') ? { description: d.description } : {}),
    ...(expand.has('owner') && owner ? { owner: userBeanJson(call, owner) } : {}),
    ...(expand.has('viewUrl') ? { view: `${siteUrl(call)}/jira/dashboards/${d.id}` } : {}),
    ...(expand.has('favourite') ? { isFavourite: false } : {}),
    ...(expand.has('favouritedCount') ? { popularity: 0 } : {}),
    ...(expand.has('sharePermissions')
      ? { sharePermissions: d.sharePermissions.map((s) => shareJson(call, v, s)) }
      : {}),
    ...(expand.has('editPermissions') ? { editPermissions: [] } : {}),
    ...(expand.has('isWritable') ? { isWritable: !!v.user && v.user.accountId === d.ownerAccountId } : {}),
  };
}

function searchDashboards(call: Call) {
  const v = viewerOf(call);
  const expand = checkedExpand(call, DASHBOARD_EXPANDS);
  const status = queryString(call.query, 'status') || 'active';
  if (!['active', 'archived', 'deleted'].includes(status))
    throw new SimError(400, `Invalid status value '${status}'.`);
  // Every dashboard in the model is active.
  const dashboards = narrowed(call, v.jira.dashboards, 'dashboardName', DASHBOARD_ORDERS)
    .filter(() => status === 'active')
    .filter((d) => visible(call, v, d));
  return pageBean(call, dashboards, (d) => dashboardJson(call, v, d, expand));
}

export function jiraFilterRoutes(r: Registrar): void {
  r.serve('jira.filters.search', searchFilters);
  r.serve('jira.dashboards.search', searchDashboards);
}
