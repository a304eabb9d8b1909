import type { SimState } from '../core/state.ts';
import type { Call } from '../http/serve.ts';
import type { SharePermission } from '../tenant/model.ts';
import { hasProjectPermission, isRoleActor } from './jira-grants.ts';
import { api, groupNameJson, projectSummaryJson, userBeanJson } from './jira-render.ts';
import type { Viewer } from './jira-viewer.ts';

// Share permissions of filters and dashboards: who a share reaches, and how Jira renders it.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-filter-sharing/

/** Whether a share makes the filter or dashboard visible to the viewer. */
export function shareReaches(state: SimState, v: Viewer, share: SharePermission): boolean {
  const project = share.projectId ? v.jira.projects.find((p) => p.id === share.projectId) : undefined;
  switch (share.type) {
    case 'global':
      return true;
    case 'loggedin':
    case 'authenticated':
      return v.licensed;
    case 'group':
      return (
        v.licensed &&
        !!v.user &&
        (state.groupIdsByUser.get(v.user.accountId) ?? []).includes(share.groupId ?? '')
      );
    case 'project':
      return !!project && hasProjectPermission(state, v, project, 'BROWSE_PROJECTS');
    case 'projectRole':
      return (
        !!project &&
        v.licensed &&
        !!v.user &&
        share.roleId !== undefined &&
        isRoleActor(state, v.user, project, share.roleId) &&
        hasProjectPermission(state, v, project, 'BROWSE_PROJECTS')
      );
    case 'user':
      return !!v.user && v.user.accountId === share.accountId;
  }
}

/**
 * The response form of a share. `authenticated` is request-only and reads back as `loggedin`;
 * a role share reads back as `project` with the `role` beside it (`projectRole` "is not returned
 * in responses"); a project the viewer cannot browse reads back as `project-unknown`.
 */
export function shareJson(call: Call, v: Viewer, share: SharePermission): Record<string, unknown> {
  const state = call.ctx.state;
  const base = { id: share.id };
  switch (share.type) {
    case 'global':
      return { ...base, type: 'global' };
    case 'loggedin':
    case 'authenticated':
      return { ...base, type: 'loggedin' };
    case 'group': {
      const group = state.groupsById.get(share.groupId ?? '');
      return group
        ? { ...base, type: 'group', group: groupNameJson(call, group) }
        : { ...base, type: 'group' };
    }
    case 'user': {
      const user = state.usersById.get(share.accountId ?? '');
      return user ? { ...base, type: 'user', user: userBeanJson(call, user) } : { ...base, type: 'user' };
    }
    case 'project':
    case 'projectRole': {
      const project = v.jira.projects.find((p) => p.id === share.projectId);
      if (!project || !hasProjectPermission(state, v, project, 'BROWSE_PROJECTS')) {
        return { ...base, type: 'project-unknown' };
      }
      const role = share.type === 'projectRole' ? v.jira.roles.find((r) => r.id === share.roleId) : undefined;
      return {
        ...base,
        type: 'project',
        project: projectSummaryJson(call, project),
        ...(role
          ? {
              role: {
                self: api(call, `/project/${project.id}/role/${role.id}`),
                name: role.name,
                id: role.id,
                description: role.description,
              },
            }
          : {}),
      };
    }
  }
}
