import { SimError } from '../http/errors.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { Project, RoleDefinition } from '../tenant/model.ts';
import { findProject, hasProjectPermission, isRoleActor } from './jira-grants.ts';
import { api } from './jira-render.ts';
import { boolParam, requireJiraAdmin, type Viewer, viewerOf } from './jira-viewer.ts';

// Project roles: the site-wide definitions, a project's role map, and one role's actors.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/

const USER_ACTOR = 'atlassian-user-role-actor';
const GROUP_ACTOR = 'atlassian-group-role-actor';

/** Project-role reads answer 404 to a caller who may not administer (401 when anonymous). */
function denied(v: Viewer, what: string): SimError {
  if (!v.user)
    return new SimError(401, 'You are not authenticated. Authentication required to perform this operation.');
  return new SimError(404, what);
}

function roleBase(role: RoleDefinition) {
  return {
    name: role.name,
    id: role.id,
    description: role.description,
    translatedName: role.name,
    admin: role.admin,
    default: false,
    roleConfigurable: true,
  };
}

/** Actors carry a stable numeric id derived from the project, role and position. */
function actorsOf(call: Call, project: Project, role: RoleDefinition, excludeInactive: boolean) {
  const state = call.ctx.state;
  const entry = project.roles.find((r) => r.roleId === role.id);
  if (!entry) return [];
  const base = Number(project.id) * 100 + (role.id % 100) * 10_000;
  const users = entry.userIds
    .map((id) => state.usersById.get(id))
    .filter((u) => u !== undefined)
    .filter((u) => !excludeInactive || u.accountStatus === 'active')
    .map((u, i) => ({
      id: base + i,
      displayName: u.name,
      type: USER_ACTOR,
      actorUser: { accountId: u.accountId },
    }));
  const groups = entry.groupIds
    .map((id) => state.groupsById.get(id))
    .filter((g) => g !== undefined)
    .map((g, i) => ({
      id: base + 50 + i,
      displayName: g.name,
      type: GROUP_ACTOR,
      name: g.name,
      actorGroup: { name: g.name, displayName: g.name, groupId: g.id },
    }));
  // "The list of actors is sorted by display name."
  return [...users, ...groups].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** `GET /role`: definitions with their default actors (the model keeps none, so the lists are empty). */
function allRoles(call: Call) {
  const v = viewerOf(call);
  requireJiraAdmin(v);
  return v.jira.roles.map((role) => ({ self: api(call, `/role/${role.id}`), ...roleBase(role), actors: [] }));
}

/** Administer Projects in any project, or Administer Jira. */
function projectRoles(call: Call) {
  const v = viewerOf(call);
  const state = call.ctx.state;
  const idOrKey = call.params.projectIdOrKey ?? '';
  const project = findProject(v, idOrKey);
  if (!project) throw new SimError(404, `No project could be found with key '${idOrKey}'.`);
  const adminSomewhere =
    v.admin || v.jira.projects.some((p) => hasProjectPermission(state, v, p, 'ADMINISTER_PROJECTS'));
  if (!adminSomewhere) throw denied(v, `No project could be found with key '${idOrKey}'.`);
  const map: Record<string, string> = {};
  for (const role of v.jira.roles) map[role.name] = api(call, `/project/${project.id}/role/${role.id}`);
  return map;
}

/** Administer Projects in this project, or Administer Jira. */
function projectRole(call: Call) {
  const v = viewerOf(call);
  const state = call.ctx.state;
  const idOrKey = call.params.projectIdOrKey ?? '';
  const rawId = call.params.id ?? '';
  if (!/^\d+$/.test(rawId)) throw new SimError(400, `The project role id '${rawId}' is not valid.`);
  const project = findProject(v, idOrKey);
  if (!project) throw new SimError(404, `No project could be found with key '${idOrKey}'.`);
  if (!hasProjectPermission(state, v, project, 'ADMINISTER_PROJECTS')) {
    throw denied(v, `No project could be found with key '${idOrKey}'.`);
  }
  const role = v.jira.roles.find((r) => r.id === Number(rawId));
  if (!role) throw new SimError(404, `Can not retrieve a role actor for a null project role.`);
  const excludeInactive = boolParam(call, 'excludeInactiveUsers', false);
  return {
    self: api(call, `/project/${project.id}/role/${role.id}`),
    ...roleBase(role),
    currentUserRole: v.user ? isRoleActor(state, v.user, project, role.id) : false,
    actors: actorsOf(call, project, role, excludeInactive),
  };
}

export function jiraRoleRoutes(r: Registrar): void {
  r.serve('jira.roles.list', allRoles);
  r.serve('jira.projectRoles.list', projectRoles);
  r.serve('jira.projectRole.get', projectRole);
}
