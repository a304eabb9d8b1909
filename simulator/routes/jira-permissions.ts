import { SimError } from '../http/errors.ts';
import { queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { PermissionGrant, PermissionScheme } from '../tenant/model.ts';
import { canViewProject, findProject, globalPermissions, hasProjectPermission } from './jira-grants.ts';
import { PERMISSION_KEYS, type PermissionKey, permissionKeysByKey } from './jira-permission-keys.ts';
import { api } from './jira-render.ts';
import { expandSet, requireJiraAccess, viewerOf } from './jira-viewer.ts';

// Permissions: every permission Jira defines, the caller's own permissions (the anonymous exposure probe when
// called without credentials), and permission schemes with their grants.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/

function allPermissions() {
  const permissions: Record<string, unknown> = {};
  for (const k of PERMISSION_KEYS) {
    permissions[k.key] = { key: k.key, name: k.name, type: k.type, description: k.description };
  }
  return { permissions };
}

/** The permission keys of `?permissions=`, which Jira has required since 2019. */
function requestedKeys(call: Call): PermissionKey[] {
  const raw = queryString(call.query, 'permissions');
  const keys = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  // https://developer.atlassian.com/cloud/jira/platform/change-notice-get-my-permissions-requires-permissions-query-parameter/
  if (keys.length === 0) throw new SimError(400, "The 'permissions' query parameter is required.");
  const unknown = keys.filter((k) => !permissionKeysByKey.has(k));
  if (unknown.length > 0) throw new SimError(400, `Unrecognized permission keys: ${unknown.join(', ')}.`);
  return [...new Set(keys)].map((k) => permissionKeysByKey.get(k)).filter((k) => k !== undefined);
}

function myPermissions(call: Call) {
  const v = viewerOf(call);
  const state = call.ctx.state;
  const keys = requestedKeys(call);
  if (queryString(call.query, 'commentId')) {
    if (keys.some((k) => k.key !== 'BROWSE_PROJECTS')) {
      throw new SimError(400, 'Only the BROWSE_PROJECTS permission is supported with a comment.');
    }
    throw new SimError(404, 'The comment does not exist or you do not have permission to see it.');
  }
  // The model holds no issues, so every issue context is one the caller cannot see.
  if (queryString(call.query, 'issueId') || queryString(call.query, 'issueKey')) {
    throw new SimError(404, 'Issue does not exist or you do not have permission to see it.');
  }
  const projectId = queryString(call.query, 'projectId');
  const projectKey = queryString(call.query, 'projectKey');
  let projects = v.jira.projects.filter((p) => !p.archived);
  if (projectId) {
    const project = v.jira.projects.find((p) => p.id === projectId);
    if (!project) throw new SimError(404, `No project could be found with id '${projectId}'.`);
    projects = [project];
  } else if (projectKey) {
    const project = v.jira.projects.find((p) => p.key === projectKey);
    if (!project) throw new SimError(404, `No project could be found with key '${projectKey}'.`);
    projects = [project];
  }
  const global = globalPermissions(v);
  const permissions: Record<string, unknown> = {};
  for (const k of keys) {
    // A project permission in the global context is held when it is held in any project.
    const have =
      k.type === 'GLOBAL'
        ? global.has(k.key)
        : (k.key === 'ADMINISTER_PROJECTS' && v.admin) ||
          projects.some((p) => hasProjectPermission(state, v, p, k.key));
    permissions[k.key] = {
      id: k.id,
      key: k.key,
      name: k.name,
      type: k.type,
      description: k.description,
      havePermission: have,
    };
  }
  return { permissions };
}

const HOLDER_EXPAND: Record<string, string> = {
  group: 'group',
  user: 'user',
  projectRole: 'projectRole',
  groupCustomField: 'field',
  userCustomField: 'field',
};

function grantJson(call: Call, scheme: PermissionScheme, grant: PermissionGrant) {
  const h = grant.holder;
  // `value` is the group id for groups and repeats `parameter` for every other holder type.
  const value = h.type === 'group' ? h.value : (h.value ?? h.parameter);
  const expand = HOLDER_EXPAND[h.type];
  return {
    id: grant.id,
    self: api(call, `/permissionscheme/${scheme.id}/permission/${grant.id}`),
    holder: {
      type: h.type,
      ...(h.parameter !== undefined ? { parameter: h.parameter } : {}),
      ...(value !== undefined ? { value } : {}),
      ...(expand ? { expand } : {}),
    },
    permission: grant.permission,
  };
}

/** Any `expand` value includes the grants, as the operation description says. */
function schemeJson(call: Call, scheme: PermissionScheme) {
  const withGrants = expandSet(call).size > 0;
  return {
    expand: 'permissions,user,group,projectRole,field,all',
    id: scheme.id,
    self: api(call, `/permissionscheme/${scheme.id}`),
    name: scheme.name,
    description: scheme.description,
    ...(withGrants ? { permissions: scheme.grants.map((g) => grantJson(call, scheme, g)) } : {}),
  };
}

function permissionSchemes(call: Call) {
  const v = viewerOf(call);
  requireJiraAccess(v);
  return { permissionSchemes: v.jira.permissionSchemes.map((s) => schemeJson(call, s)) };
}

function projectPermissionScheme(call: Call) {
  const v = viewerOf(call);
  const state = call.ctx.state;
  const idOrKey = call.params.projectKeyOrId ?? '';
  const project = findProject(v, idOrKey);
  if (!project || !canViewProject(state, v, project)) {
    throw new SimError(404, `No project could be found with key '${idOrKey}'.`);
  }
  if (!hasProjectPermission(state, v, project, 'ADMINISTER_PROJECTS')) {
    throw new SimError(403, "You don't have permission to view this project's configuration.");
  }
  const scheme = v.jira.permissionSchemes.find((s) => s.id === project.permissionSchemeId);
  if (!scheme) throw new SimError(404, `Project '${project.key}' has no permission scheme.`);
  return schemeJson(call, scheme);
}

export function jiraPermissionRoutes(r: Registrar): void {
  r.serve('jira.permissions.list', allPermissions);
  r.serve('jira.myPermissions.get', myPermissions);
  r.serve('jira.permissionSchemes.list', permissionSchemes);
  r.serve('jira.projectPermissionScheme.get', projectPermissionScheme);
}
