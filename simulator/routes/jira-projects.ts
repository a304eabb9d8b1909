import { SimError } from '../http/errors.ts';
import { pageBean, queryList, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Project } from '../tenant/model.ts';
import { canViewProject, hasProjectPermission } from './jira-grants.ts';
import { api, jiraTime, projectAvatars, userJson } from './jira-render.ts';
import { expandSet, type Viewer, viewerOf } from './jira-viewer.ts';

// `GET /rest/api/3/project/search`: the projects the caller may see, one PageBean page.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-search-get

const ORDER_FIELDS = new Set([
  'category',
  'key',
  'name',
  'owner',
  'issueCount',
  'lastIssueUpdatedDate',
  'archivedDate',
  'deletedDate',
]);
const ACTIONS = new Set(['view', 'browse', 'edit', 'create']);
const STATUSES = new Set(['live', 'archived', 'deleted']);
const TYPE_KEYS = new Set(['business', 'service_desk', 'software']);

function allowedBy(call: Call, v: Viewer, project: Project, action: string): boolean {
  const state = call.ctx.state;
  switch (action) {
    case 'browse':
      return hasProjectPermission(state, v, project, 'BROWSE_PROJECTS');
    case 'edit':
      return hasProjectPermission(state, v, project, 'ADMINISTER_PROJECTS');
    case 'create':
      return hasProjectPermission(state, v, project, 'CREATE_ISSUES');
    default:
      return canViewProject(state, v, project);
  }
}

function comparator(call: Call, orderBy: string): (a: Project, b: Project) => number {
  const desc = orderBy.startsWith('-');
  const field = orderBy.replace(/^[+-]/, '');
  const lead = (p: Project) => call.ctx.state.usersById.get(p.leadAccountId)?.name ?? '';
  const value = (p: Project): string | number => {
    switch (field) {
      case 'name':
        return p.name.toLowerCase();
      case 'owner':
        return lead(p).toLowerCase();
      case 'issueCount':
        return p.totalIssueCount;
      case 'lastIssueUpdatedDate':
        return Date.parse(p.lastIssueUpdateTime);
      default:
        // No project categories, archive or deletion dates in the model: those orders fall back to the key.
        return p.key;
    }
  };
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    const c = x < y ? -1 : x > y ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return desc ? -c : c;
  };
}

function projectJson(call: Call, v: Viewer, project: Project, expand: Set<string>) {
  const lead = call.ctx.state.usersById.get(project.leadAccountId);
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: api(call, `/project/${project.id}`),
    id: project.id,
    key: project.key,
    ...(expand.has('description') ? { description: '' } : {}),
    ...(expand.has('lead') && lead ? { lead: userJson(call, v, lead) } : {}),
    ...(expand.has('issueTypes') ? { issueTypes: [] } : {}),
    name: project.name,
    avatarUrls: projectAvatars(call, project),
    projectTypeKey: project.projectTypeKey,
    simplified: project.simplified,
    style: project.simplified ? 'next-gen' : 'classic',
    isPrivate: project.isPrivate,
    properties: {},
    archived: project.archived,
    ...(expand.has('permissions')
      ? { permissions: { canEdit: hasProjectPermission(call.ctx.state, v, project, 'ADMINISTER_PROJECTS') } }
      : {}),
    ...(expand.has('insight')
      ? {
          insight: {
            totalIssueCount: project.totalIssueCount,
            lastIssueUpdateTime: jiraTime(project.lastIssueUpdateTime),
          },
        }
      : {}),
  };
}

function searchProjects(call: Call) {
  const v = viewerOf(call);
  const orderBy = queryString(call.query, 'orderBy') || 'key';
  if (!ORDER_FIELDS.has(orderBy.replace(/^[+-]/, ''))) {
    throw new SimError(400, `Invalid orderBy value '${orderBy}'.`);
  }
  const action = queryString(call.query, 'action') || 'view';
  if (!ACTIONS.has(action)) throw new SimError(400, `Invalid action value '${action}'.`);
  const statuses = queryList(call.query, 'status');
  for (const s of statuses) if (!STATUSES.has(s)) throw new SimError(400, `Invalid status value '${s}'.`);
  const wanted = new Set(statuses.length > 0 ? statuses : ['live']);
  const types = queryList(call.query, 'typeKey');
  for (const t of types) if (!TYPE_KEYS.has(t)) throw new SimError(400, `Invalid project type key '${t}'.`);
  const ids = queryList(call.query, 'id');
  for (const id of ids)
    if (!/^\d+$/.test(id)) throw new SimError(400, `The value '${id}' is invalid for the parameter 'id'.`);
  const keys = queryList(call.query, 'keys');
  const text = (queryString(call.query, 'query') ?? '').toLowerCase();
  const category = queryString(call.query, 'categoryId');
  if (category !== undefined && !/^\d+$/.test(category)) {
    throw new SimError(400, `The value '${category}' is invalid for the parameter 'categoryId'.`);
  }

  const projects = v.jira.projects
    .filter((p) => wanted.has(p.archived ? 'archived' : 'live'))
    .filter((p) => types.length === 0 || types.includes(p.projectTypeKey))
    .filter((p) => ids.length === 0 || ids.includes(p.id))
    .filter((p) => keys.length === 0 || keys.includes(p.key))
    .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
    // The model has no project categories, so a category filter matches nothing.
    .filter(() => category === undefined)
    .filter((p) => allowedBy(call, v, p, action))
    .sort(comparator(call, orderBy));
  const expand = expandSet(call);
  return pageBean(call, projects, (p) => projectJson(call, v, p, expand));
}

export function jiraProjectRoutes(r: Registrar): void {
  r.serve('jira.projects.search', searchProjects);
}
