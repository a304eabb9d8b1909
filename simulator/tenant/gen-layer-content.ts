// Scenario layer for content: named Jira projects and Confluence spaces (created, or overriding a
// generated one with the same key), so misconfigurations can point at them by key.

import { ADMIN_OPS, EDITOR_OPS, grantOps, MEMBER_OPS, OWNER_OPS, PermissionIds } from './gen-confluence.ts';
import { ROLE } from './gen-jira-schemes.ts';
import type { LayerContext } from './gen-layer-context.ts';
import { isoDaysAgo, uniqueName } from './gen-util.ts';
import type { Project, RoleActors, Space } from './model.ts';
import type { ScenarioSpec } from './scenario.ts';

const DEFAULT_SCHEME: Record<Project['projectTypeKey'], string> = {
  software: 'Internal projects',
  business: 'Default Permission Scheme',
  service_desk: 'Service desk permission scheme',
};

/** Jira needs unique project names: a generated record with the scenario's name gets a suffix. */
function renameClash(items: { name: string }[], self: { name: string } | undefined, name: string): void {
  const taken = new Set(items.map((x) => x.name));
  for (const other of items)
    if (other !== self && other.name === name) other.name = uniqueName(name, taken, ' ');
}

export function applyProjects(ctx: LayerContext, projects: ScenarioSpec['projects']): void {
  projects.forEach((p, i) => {
    const path = `projects[${i}]`;
    const { site, jira } = ctx.jira(p.site, `${path}.site`);
    const type = p.type ?? 'software';
    const schemeName = p.scheme ?? (p.teamManaged ? 'Default Permission Scheme' : DEFAULT_SCHEME[type]);
    const scheme = jira.permissionSchemes.find((s) => s.name === schemeName);
    if (!scheme) {
      ctx.fail(
        `${path}.scheme`,
        `unknown permission scheme "${schemeName}" (${jira.permissionSchemes.map((s) => s.name).join(', ')})`,
      );
    }
    const lead = p.lead ? ctx.user(p.lead, `${path}.lead`) : ctx.admin;
    const team = p.team ? ctx.group(p.team, `${path}.team`) : undefined;
    const users = ctx.productGroup(site, 'jira', false);
    const admins = ctx.productGroup(site, 'jira', true);
    const restricted = scheme.name !== 'Internal projects' && scheme.name !== 'Default Permission Scheme';
    const roles: RoleActors[] = [
      { roleId: ROLE.administrators, userIds: [lead.accountId], groupIds: [admins.id] },
      { roleId: ROLE.developers, userIds: [], groupIds: team ? [team.id] : [] },
      { roleId: ROLE.users, userIds: [], groupIds: restricted ? [] : [users.id] },
      { roleId: ROLE.viewers, userIds: [], groupIds: [] },
    ];
    if (type === 'service_desk')
      roles.push({ roleId: ROLE.serviceDeskTeam, userIds: [], groupIds: [team?.id ?? users.id] });
    const existing = jira.projects.find((x) => x.key === p.key);
    renameClash(jira.projects, existing, p.name);
    const project: Project = {
      id: existing?.id ?? String(Math.max(9_999, ...jira.projects.map((x) => Number(x.id))) + 1),
      key: p.key,
      name: p.name,
      projectTypeKey: type,
      simplified: p.teamManaged ?? false,
      isPrivate: p.private ?? (p.teamManaged ? true : restricted),
      leadAccountId: lead.accountId,
      permissionSchemeId: scheme.id,
      issueSecuritySchemeId: null,
      roles,
      archived: false,
      totalIssueCount: 250 + i * 37,
      lastIssueUpdateTime: isoDaysAgo(ctx.now, 0.5 + i / 10),
    };
    if (existing) Object.assign(existing, project);
    else jira.projects.push(project);
  });
}

export function applySpaces(ctx: LayerContext, spaces: ScenarioSpec['spaces']): void {
  spaces.forEach((s, i) => {
    const path = `spaces[${i}]`;
    const { site, confluence } = ctx.confluence(s.site, `${path}.site`);
    const owner = s.owner ? ctx.user(s.owner, `${path}.owner`) : ctx.admin;
    const team = s.team ? ctx.group(s.team, `${path}.team`) : undefined;
    if (s.restricted && !team) ctx.fail(`${path}.restricted`, 'a restricted space needs a team');
    const ids = PermissionIds.after(confluence.spaces);
    const permissions = [
      ...grantOps(ids, { type: 'user', accountId: owner.accountId }, OWNER_OPS),
      ...grantOps(ids, { type: 'group', groupId: ctx.productGroup(site, 'confluence', true).id }, ADMIN_OPS),
    ];
    if (!s.restricted) {
      permissions.push(
        ...grantOps(
          ids,
          { type: 'group', groupId: ctx.productGroup(site, 'confluence', false).id },
          EDITOR_OPS,
        ),
      );
    }
    if (team) permissions.push(...grantOps(ids, { type: 'group', groupId: team.id }, MEMBER_OPS));
    const existing = confluence.spaces.find((x) => x.key === s.key);
    renameClash(confluence.spaces, existing, s.name);
    const maxId = Math.max(65_533, ...confluence.spaces.map((x) => Number(x.id)));
    const space: Space = {
      id: existing?.id ?? String(maxId + 3),
      key: s.key,
      name: s.name,
      type: s.type ?? 'global',
      status: 'current',
      authorId: owner.accountId,
      createdAt: isoDaysAgo(ctx.now, 300 + i * 11),
      homepageId: existing?.homepageId ?? String(2_000_000 + i * 7),
      description: `${s.name} space`,
      permissions,
    };
    if (existing) Object.assign(existing, space);
    else confluence.spaces.push(space);
  });
}
