import type { SimState } from '../core/state.ts';
import type { PermissionGrant, Project, Site, User } from '../tenant/model.ts';
import { DEFAULT_USER_GLOBAL_PERMISSIONS } from './jira-permission-keys.ts';
import type { Viewer } from './jira-viewer.ts';

// Evaluates Jira permissions from the tenant's real grants: permission schemes for project
// permissions, product access and `anonymousGlobalPermissions` for global ones. This is what
// `mypermissions` answers and what every "only what the caller may see" filter uses, so the
// anonymous exposure probe sees exactly what a real anonymous visitor would.

/** The Jira application (product) keys a site has; every Jira site has Jira Software. */
export function jiraProductKeys(site: Site): string[] {
  const keys = ['jira-software'];
  if (site.jira?.projects.some((p) => p.projectTypeKey === 'service_desk')) keys.push('jira-servicedesk');
  return keys;
}

export function isRoleActor(state: SimState, user: User, project: Project, roleId: number): boolean {
  const actors = project.roles.find((r) => r.roleId === roleId);
  if (!actors) return false;
  if (actors.userIds.includes(user.accountId)) return true;
  const groups = new Set(state.groupIdsByUser.get(user.accountId) ?? []);
  return actors.groupIds.some((id) => groups.has(id));
}

/** A project member: an actor in any of its roles, or its lead. */
function isMember(state: SimState, user: User, project: Project): boolean {
  return (
    project.leadAccountId === user.accountId ||
    project.roles.some((r) => isRoleActor(state, user, project, r.roleId))
  );
}

function holderMatches(state: SimState, v: Viewer, project: Project, grant: PermissionGrant): boolean {
  const h = grant.holder;
  if (h.type === 'anyone') return true;
  // Jira Service Management customers reach the portal through this holder, never through Jira access.
  if (h.type === 'sd.customer.portal.only') return v.user?.accountType === 'customer';
  // An account without product access is evaluated like the anonymous user: only "anyone" grants
  // apply to it (Jira ignores other holders for unlicensed users).
  // https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/
  const user = v.licensed ? v.user : undefined;
  if (!user) return false;
  switch (h.type) {
    case 'applicationRole':
      // No parameter means "any logged-in user with access to any Jira product".
      return !h.parameter || jiraProductKeys(v.site).includes(h.parameter);
    case 'group': {
      const groups = state.groupsOf(user.accountId);
      return groups.some((g) => (h.value ? g.id === h.value : g.name === h.parameter));
    }
    case 'projectRole':
      return isRoleActor(state, user, project, Number(h.value ?? h.parameter));
    case 'user':
      return (h.value ?? h.parameter) === user.accountId;
    case 'projectLead':
      return project.leadAccountId === user.accountId;
    case 'reporter':
    case 'assignee':
      // Without an issue, Jira reports these grants as held: any user could report or be
      // assigned an issue ("any user can be a reporter", Get my permissions).
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
      return true;
  }
}

/** Whether the viewer holds a project permission in a project (no issue context). */
export function hasProjectPermission(
  state: SimState,
  v: Viewer,
  project: Project,
  permission: string,
): boolean {
  // Jira administrators are always project administrators.
  if (permission === 'ADMINISTER_PROJECTS' && v.admin) return true;
  // A private team-managed project is open to its members only; open grants do not reach others.
  // https://support.atlassian.com/jira-software-cloud/docs/manage-access-to-your-team-managed-project/
  if (
    project.simplified &&
    project.isPrivate &&
    !(v.licensed && v.user && isMember(state, v.user, project))
  ) {
    return false;
  }
  const scheme = v.jira.permissionSchemes.find((s) => s.id === project.permissionSchemeId);
  if (!scheme) return false;
  return scheme.grants.some((g) => g.permission === permission && holderMatches(state, v, project, g));
}

/** The global permissions the viewer holds. */
export function globalPermissions(v: Viewer): Set<string> {
  const held = new Set(v.jira.anonymousGlobalPermissions);
  if (v.licensed) for (const key of DEFAULT_USER_GLOBAL_PERMISSIONS) held.add(key);
  if (v.admin) held.add('ADMINISTER');
  if (v.sysAdmin) held.add('SYSTEM_ADMIN');
  return held;
}

/**
 * "View" a project in the sense of Get projects paginated: Browse Projects, Administer Projects,
 * or Administer Jira. Archived projects stay visible to Jira administrators only.
 */
export function canViewProject(state: SimState, v: Viewer, project: Project): boolean {
  if (v.admin) return true;
  if (project.archived) return false;
  return (
    hasProjectPermission(state, v, project, 'BROWSE_PROJECTS') ||
    hasProjectPermission(state, v, project, 'ADMINISTER_PROJECTS')
  );
}

/** Finds a project by id or key (keys are case sensitive, as the spec says). */
export function findProject(v: Viewer, idOrKey: string): Project | undefined {
  return v.jira.projects.find((p) => p.id === idOrKey || p.key === idOrKey);
}
