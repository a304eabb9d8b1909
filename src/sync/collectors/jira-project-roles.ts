import type { SiteRef } from '../../atlassian/api.ts';
import {
  jiraPermissionSchemes,
  jiraProjectRoles,
  jiraProjects,
  jiraRoles,
  type RecordOf,
} from '../../inventory/datasets/index.ts';
import { type CollectedItem, type Collector, type CollectorContext, defineCollector } from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { isNotFound, isUnusable, recordsOf, requireSite } from './context.ts';
import { mapLimit } from './map-limit.ts';
import { toItem } from './normalize.ts';
import { arr, num, obj, str, trailingNumber } from './values.ts';

// Actors of project roles: Jira has no bulk read, only `GET /project/{id}/role/{roleId}` — one call
// per project and role (3,000 projects × 6 roles = 18,000 calls on xl). A role confers nothing in a
// project unless the project's permission scheme grants it something, so only those roles are read,
// plus the admin roles (the "Administrators" role the checks name). Company-managed projects share
// the site's roles (jira.roles), so their ids are known without asking; a team-managed project has
// its own roles, found with one `GET /project/{id}/role` first. When the project's scheme is unknown,
// every role is read. Checkpoints hold the index of the next project, so a resumed sync skips the
// projects already stored.

export interface JiraProjectRolesOptions {
  /** Projects per stored page (and per checkpoint). */
  batchSize?: number;
  concurrency?: number;
}

type Project = RecordOf<typeof jiraProjects>;
type Role = RecordOf<typeof jiraRoles>;
type Scheme = RecordOf<typeof jiraPermissionSchemes>;

interface RoleRef {
  id: number;
  name: string;
  admin: boolean | null;
}

/** Role ids a scheme grants any permission to. */
function rolesGranted(scheme: Scheme | undefined): Set<number> | undefined {
  if (!scheme) return undefined;
  const ids = new Set<number>();
  for (const g of scheme.grants) {
    if (g.holderType !== 'projectRole') continue;
    const id = num(g.holderValue ?? g.holderParameter);
    if (id !== null) ids.add(id);
  }
  return ids;
}

/** The roles to read in a project, before any call. `undefined`: ask the project for its roles. */
export function plannedRoles(
  project: Project,
  roles: readonly Role[],
  scheme: Scheme | undefined,
): RoleRef[] | undefined {
  if (project.simplified || roles.length === 0) return undefined;
  const granted = rolesGranted(scheme);
  return roles
    .filter((r) => !granted || granted.has(r.id) || r.admin === true)
    .map((r) => ({ id: r.id, name: r.name, admin: r.admin }));
}

async function rolesOfProject(
  ctx: CollectorContext,
  site: SiteRef,
  project: Project,
  roles: readonly Role[],
  scheme: Scheme | undefined,
): Promise<RoleRef[]> {
  const planned = plannedRoles(project, roles, scheme);
  if (planned) return planned;
  const map = await ctx.api.call('jira.projectRoles.list', { site, params: { projectIdOrKey: project.id } });
  const known = new Map(roles.map((r) => [r.id, r]));
  const granted = rolesGranted(scheme);
  const out: RoleRef[] = [];
  for (const [name, url] of Object.entries(map)) {
    const id = trailingNumber(url);
    if (id === null) continue;
    const def = known.get(id);
    // A team-managed project's own roles are not in the site list: read them all.
    if (def && granted && !granted.has(id) && def.admin !== true) continue;
    out.push({ id, name, admin: def?.admin ?? null });
  }
  return out;
}

function readRole(ctx: CollectorContext, site: SiteRef, project: Project, ref: RoleRef) {
  return ctx.api.call('jira.projectRole.get', { site, params: { projectIdOrKey: project.id, id: ref.id } });
}

async function readProject(
  ctx: CollectorContext,
  site: SiteRef,
  project: Project,
  roles: readonly Role[],
  scheme: Scheme | undefined,
): Promise<CollectedItem[]> {
  let refs: RoleRef[];
  try {
    refs = await rolesOfProject(ctx, site, project, roles, scheme);
  } catch (error) {
    if (isNotFound(error) || isUnusable(error)) return [];
    throw error;
  }
  const items: CollectedItem[] = [];
  for (const ref of refs) {
    let body: Awaited<ReturnType<typeof readRole>>;
    try {
      body = await readRole(ctx, site, project, ref);
    } catch (error) {
      if (isNotFound(error) || isUnusable(error)) continue;
      throw error;
    }
    items.push(
      toItem(jiraProjectRoles, {
        projectId: project.id,
        projectKey: project.key,
        roleId: ref.id,
        roleName: body.name,
        admin: typeof body.admin === 'boolean' ? body.admin : ref.admin,
        actors: arr(body.actors).map((raw) => {
          const a = obj(raw);
          const group = obj(a.actorGroup);
          const isGroup = str(a.type) === 'atlassian-group-role-actor' || a.actorGroup !== undefined;
          return {
            type: isGroup ? 'group' : 'user',
            accountId: str(obj(a.actorUser).accountId),
            groupId: str(group.groupId),
            groupName: str(group.name) ?? (isGroup ? str(a.name) : null),
            displayName: str(a.displayName),
          };
        }),
      }),
    );
  }
  return items;
}

export function jiraProjectRolesCollector(options: JiraProjectRolesOptions = {}): Collector {
  const batchSize = options.batchSize ?? 20;
  const concurrency = options.concurrency ?? 8;
  return defineCollector({
    dataset: jiraProjectRoles,
    dependsOn: [jiraProjects, jiraRoles, jiraPermissionSchemes],
    // One call per (project, role) read, and one role list per team-managed project.
    cost: ({ records, recordsOf }) =>
      records.length + recordsOf(jiraProjects).filter((p) => p.simplified).length,
    async *collect(ctx) {
      const site = requireSite(ctx, jiraProjectRoles.name);
      const [projects, roles, schemes] = await Promise.all([
        recordsOf(ctx, jiraProjects),
        recordsOf(ctx, jiraRoles),
        recordsOf(ctx, jiraPermissionSchemes),
      ]);
      projects.sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
      const schemeById = new Map(schemes.map((s) => [s.id, s]));
      let index = decodePosition(jiraProjectRoles.name, ctx.resumeFrom).parent;
      if (index >= projects.length) {
        yield { items: [], checkpoint: null };
        return;
      }
      while (index < projects.length) {
        const batch = projects.slice(index, index + batchSize);
        const read = await mapLimit(batch, concurrency, (p) =>
          readProject(
            ctx,
            site,
            p,
            roles,
            p.permissionSchemeId === null ? undefined : schemeById.get(p.permissionSchemeId),
          ),
        );
        index += batch.length;
        yield {
          items: read.flat(),
          checkpoint: index < projects.length ? encodePosition({ parent: index, next: null }) : null,
        };
      }
    },
  });
}

export const collector = jiraProjectRolesCollector();
