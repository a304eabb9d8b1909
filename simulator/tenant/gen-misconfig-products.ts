// Jira and Confluence misconfigurations (see gen-misconfig-schema.ts for the catalogue and check ids).

import { EDITOR_OPS, grantOps, PermissionIds } from './gen-confluence.ts';
import { GrantIds, holder, ROLE } from './gen-jira-schemes.ts';
import type { LayerContext } from './gen-layer-context.ts';
import { externalUsers } from './gen-misconfig-org.ts';
import type { Misconfiguration } from './gen-misconfig-schema.ts';
import type {
  Dashboard,
  Filter,
  JiraSite,
  PermissionScheme,
  Project,
  Space,
  SpacePermission,
} from './model.ts';

function project(ctx: LayerContext, jira: JiraSite, key: string | undefined, path: string): Project {
  const found = key
    ? jira.projects.find((p) => p.key === key)
    : jira.projects.find((p) => !p.archived && !p.simplified);
  if (!found) ctx.fail(`${path}.project`, key ? `unknown project "${key}"` : 'the site has no project');
  return found;
}

function space(ctx: LayerContext, spaces: Space[], key: string | undefined, path: string): Space {
  const found = key ? spaces.find((s) => s.key === key) : spaces.find((s) => s.status === 'current');
  if (!found) ctx.fail(`${path}.space`, key ? `unknown space "${key}"` : 'the site has no space');
  return found;
}

function mostUsedScheme(jira: JiraSite): PermissionScheme | undefined {
  const uses = new Map<number, number>();
  for (const p of jira.projects) uses.set(p.permissionSchemeId, (uses.get(p.permissionSchemeId) ?? 0) + 1);
  return [...jira.permissionSchemes].sort((a, b) => (uses.get(b.id) ?? 0) - (uses.get(a.id) ?? 0))[0];
}

function share<T extends Filter | Dashboard>(
  ctx: LayerContext,
  items: T[],
  count: number,
  path: string,
): void {
  const rng = ctx.rng(path);
  const candidates = items.filter((x) => !x.sharePermissions.some((s) => s.type === 'global'));
  if (candidates.length < count) ctx.fail(`${path}.count`, `the site has only ${candidates.length} to share`);
  let next = 50_000 + items.reduce((n, x) => n + x.sharePermissions.length, 0);
  for (const item of rng.sample(candidates, count))
    item.sharePermissions.push({ id: next++, type: 'global' });
}

export function applyProductMisconfiguration(ctx: LayerContext, m: Misconfiguration, path: string): boolean {
  switch (m.kind) {
    case 'jira_anyone_browse': {
      const { jira } = ctx.jira(m.site, `${path}.site`);
      let scheme: PermissionScheme | undefined;
      if (m.project) {
        // A copy of the project's scheme, as an admin would make to open one project to the public.
        const target = project(ctx, jira, m.project, path);
        const base = jira.permissionSchemes.find((s) => s.id === target.permissionSchemeId);
        const ids = GrantIds.after(jira.permissionSchemes);
        scheme = {
          id: Math.max(...jira.permissionSchemes.map((s) => s.id)) + 1,
          name: `${target.name} (public)`,
          description: `Copy of ${base?.name ?? 'a scheme'} opened to the public`,
          grants: (base?.grants ?? []).map((g) => ids.grant(g.permission, { ...g.holder })),
        };
        jira.permissionSchemes.push(scheme);
        target.permissionSchemeId = scheme.id;
        target.isPrivate = false;
      } else {
        scheme = m.scheme ? jira.permissionSchemes.find((s) => s.name === m.scheme) : mostUsedScheme(jira);
        if (!scheme) ctx.fail(`${path}.scheme`, `unknown permission scheme "${m.scheme}"`);
      }
      const ids = GrantIds.after(jira.permissionSchemes);
      for (const permission of m.permissions ?? ['BROWSE_PROJECTS'])
        scheme.grants.push(ids.grant(permission, holder.anyone()));
      return true;
    }
    case 'jira_public_filter':
    case 'jira_public_dashboard': {
      const { jira } = ctx.jira(m.site, `${path}.site`);
      const items: (Filter | Dashboard)[] = m.kind === 'jira_public_filter' ? jira.filters : jira.dashboards;
      if (m.name) {
        const p = project(ctx, jira, undefined, path);
        const id = String(Math.max(10_000, ...items.map((x) => Number(x.id))) + 1);
        const base = {
          id,
          name: m.name,
          description: 'Shared for the public status page',
          ownerAccountId: p.leadAccountId,
        };
        const sharePermissions = [{ id: 60_000 + items.length, type: 'global' as const }];
        if (m.kind === 'jira_public_filter')
          jira.filters.push({ ...base, jql: `project = ${p.key} ORDER BY created DESC`, sharePermissions });
        else jira.dashboards.push({ ...base, sharePermissions });
      } else share(ctx, items, m.count ?? 1, path);
      return true;
    }
    case 'jira_anonymous_user_picker': {
      const { jira } = ctx.jira(m.site, `${path}.site`);
      if (!jira.anonymousGlobalPermissions.includes('USER_PICKER'))
        jira.anonymousGlobalPermissions.push('USER_PICKER');
      return true;
    }
    case 'jira_project_admin_broad': {
      const { site, jira } = ctx.jira(m.site, `${path}.site`);
      const target = project(ctx, jira, m.project, path);
      const broad = ctx.productGroup(site, 'jira', false);
      if (m.via === 'scheme') {
        const scheme = jira.permissionSchemes.find((s) => s.id === target.permissionSchemeId);
        if (!scheme) ctx.fail(`${path}.project`, 'the project has no permission scheme');
        scheme.grants.push(
          GrantIds.after(jira.permissionSchemes).grant('ADMINISTER_PROJECTS', holder.group(broad)),
        );
      } else {
        const role = target.roles.find((r) => r.roleId === ROLE.administrators);
        if (role && !role.groupIds.includes(broad.id)) role.groupIds.push(broad.id);
        if (!role) target.roles.push({ roleId: ROLE.administrators, userIds: [], groupIds: [broad.id] });
      }
      return true;
    }
    case 'jira_too_many_admins': {
      const { site } = ctx.jira(m.site, `${path}.site`);
      const group = ctx.productGroup(site, 'jira', true);
      for (const u of ctx.take(path, Math.max(0, m.total - group.memberIds.length), path))
        ctx.addMember(group, u);
      return true;
    }
    case 'jira_team_managed_open': {
      const { jira } = ctx.jira(m.site, `${path}.site`);
      const chosen = m.project
        ? [project(ctx, jira, m.project, path)]
        : jira.projects.filter((p) => p.simplified && p.isPrivate && !p.archived).slice(0, m.count ?? 1);
      if (chosen.length < (m.project ? 1 : (m.count ?? 1)))
        ctx.fail(`${path}.count`, 'not enough private team-managed projects');
      for (const p of chosen) Object.assign(p, { simplified: true, isPrivate: false });
      return true;
    }
    case 'conf_anonymous_site_access': {
      const { confluence } = ctx.confluence(m.site, `${path}.site`);
      if (!confluence.anonymousOperations.some((o) => o.operation === 'use')) {
        confluence.anonymousOperations.push({ operation: 'use', targetType: 'application' });
      }
      return true;
    }
    case 'conf_anonymous_space':
    case 'conf_unlicensed_space': {
      const { confluence } = ctx.confluence(m.site, `${path}.site`);
      const target = space(ctx, confluence.spaces, m.space, path);
      const subject: SpacePermission['subject'] =
        m.kind === 'conf_anonymous_space' ? { type: 'anonymous' } : { type: 'unlicensed' };
      target.permissions.push(
        ...grantOps(PermissionIds.after(confluence.spaces), subject, m.operations ?? ['read/space']),
      );
      return true;
    }
    case 'conf_space_admin_broad': {
      const { site, confluence } = ctx.confluence(m.site, `${path}.site`);
      const target = space(ctx, confluence.spaces, m.space, path);
      const group = { type: 'group' as const, groupId: ctx.productGroup(site, 'confluence', false).id };
      target.permissions.push(
        ...grantOps(PermissionIds.after(confluence.spaces), group, ['administer/space', 'delete/space']),
      );
      return true;
    }
    case 'conf_external_collaborators': {
      const { site, confluence } = ctx.confluence(m.site, `${path}.site`);
      const target = space(ctx, confluence.spaces, m.space, path);
      const ids = PermissionIds.after(confluence.spaces);
      for (const u of externalUsers(ctx, path, m.count ?? 2, [
        'northwind-contractors.example',
        'brightpath-consulting.example',
      ])) {
        ctx.addMember(ctx.productGroup(site, 'confluence', false), u);
        target.permissions.push(...grantOps(ids, { type: 'user', accountId: u.accountId }, EDITOR_OPS));
      }
      return true;
    }
    default:
      return false;
  }
}
