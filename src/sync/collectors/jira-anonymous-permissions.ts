import type { SiteRef } from '../../atlassian/api.ts';
import {
  jiraAnonymousPermissions,
  jiraPermissionSchemes,
  jiraProjects,
  type RecordOf,
} from '../../inventory/datasets/index.ts';
import { type Collector, type CollectorContext, defineCollector } from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { isAnonymousRefused, isNotFound, recordsOf, requireSite } from './context.ts';
import { mapLimit } from './map-limit.ts';
import { toItem } from './normalize.ts';
import { obj } from './values.ts';
import { collectAll } from './walk.ts';

// The unauthenticated exposure probe: `GET /mypermissions` with no credentials answers for the
// anonymous user. One call without a project answers the global permissions (Browse users and
// groups…) and whether each project permission is held in ANY project. Only when one is held does
// the probe look per project, and then only at the candidates: projects whose permission scheme
// grants a probed permission to `anyone` (the only holder anonymous matches), plus projects whose
// scheme is unknown. Without the projects and schemes datasets (no site credential), the
// candidates are the projects an anonymous `project/search` lists. So a clean site costs 1 call,
// an exposed one 1 + (exposed projects).
//
// A site that answers the unauthenticated probe with 401 refuses anonymous callers outright: that
// is stored as a fact (`anonymousRefused`, holding nothing), never taken for a credential failure.

export const GLOBAL_PROBE = ['USER_PICKER', 'CREATE_SHARED_OBJECTS', 'BULK_CHANGE', 'ADMINISTER'] as const;
export const PROJECT_PROBE = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'ADD_COMMENTS',
  'CREATE_ATTACHMENTS',
  'EDIT_ISSUES',
] as const;

type Project = RecordOf<typeof jiraProjects>;
type Scheme = RecordOf<typeof jiraPermissionSchemes>;

interface Candidate {
  id: string;
  key: string | null;
}

async function probe(
  ctx: CollectorContext,
  site: SiteRef,
  keys: readonly string[],
  projectId?: string,
): Promise<string[]> {
  const { permissions } = await ctx.api.call('jira.myPermissions.get', {
    site,
    anonymous: true,
    query: { permissions: keys.join(','), ...(projectId ? { projectId } : {}) },
  });
  // A map: its entries are not checked on the way in.
  return keys.filter((k) => obj(permissions[k]).havePermission === true);
}

/** Projects where anonymous may hold something, from the schemes (no call). */
export function candidatesFromSchemes(projects: readonly Project[], schemes: readonly Scheme[]): Candidate[] {
  const probed = new Set<string>(PROJECT_PROBE);
  const open = new Set(
    schemes
      .filter((s) => s.grants.some((g) => g.holderType === 'anyone' && probed.has(g.permission)))
      .map((s) => s.id),
  );
  return projects
    .filter((p) => !p.archived && (p.permissionSchemeId === null || open.has(p.permissionSchemeId)))
    .map((p) => ({ id: p.id, key: p.key }));
}

async function candidates(ctx: CollectorContext, site: SiteRef): Promise<Candidate[]> {
  const [projects, schemes] = await Promise.all([
    recordsOf(ctx, jiraProjects),
    recordsOf(ctx, jiraPermissionSchemes),
  ]);
  const found =
    projects.length > 0 && schemes.length > 0
      ? candidatesFromSchemes(projects, schemes)
      : (await collectAll(ctx, 'jira.projects.search', { site, anonymous: true })).map((p) => ({
          id: p.id,
          key: p.key,
        }));
  return found
    .filter((c) => c.id !== '')
    .sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
}

export interface JiraAnonymousPermissionsOptions {
  batchSize?: number;
  concurrency?: number;
}

export function jiraAnonymousPermissionsCollector(options: JiraAnonymousPermissionsOptions = {}): Collector {
  const batchSize = options.batchSize ?? 25;
  const concurrency = options.concurrency ?? 4;
  return defineCollector({
    dataset: jiraAnonymousPermissions,
    credential: 'none',
    dependsOn: [jiraProjects, jiraPermissionSchemes],
    // The site-wide probe, then one per project it had to look at.
    cost: ({ records }) => 1 + records.filter((r) => r.scope === 'project').length,
    async *collect(ctx) {
      const site = requireSite(ctx, jiraAnonymousPermissions.name);
      let index: number;
      if (ctx.resumeFrom === null) {
        const probed = [...GLOBAL_PROBE, ...PROJECT_PROBE];
        const held = await probe(ctx, site, probed).catch((error: unknown) => {
          if (isAnonymousRefused(error)) return null;
          throw error;
        });
        const exposed = held?.some((k) => (PROJECT_PROBE as readonly string[]).includes(k));
        const siteItem = toItem(jiraAnonymousPermissions, {
          scope: 'site',
          projectId: null,
          projectKey: null,
          probed,
          held: held ?? [],
          ...(held === null ? { anonymousRefused: true } : {}),
        });
        if (!exposed) {
          yield { items: [siteItem], checkpoint: null };
          return;
        }
        yield { items: [siteItem], checkpoint: encodePosition({ parent: 0, next: null }) };
        index = 0;
      } else {
        index = decodePosition(jiraAnonymousPermissions.name, ctx.resumeFrom).parent;
      }
      const list = await candidates(ctx, site);
      if (index >= list.length) {
        yield { items: [], checkpoint: null };
        return;
      }
      while (index < list.length) {
        const batch = list.slice(index, index + batchSize);
        const held = await mapLimit(batch, concurrency, async (c) => {
          try {
            return await probe(ctx, site, PROJECT_PROBE, c.id);
          } catch (error) {
            // Anonymous cannot see the project at all, or is refused: it holds nothing there.
            if (isNotFound(error) || isAnonymousRefused(error)) return [];
            throw error;
          }
        });
        index += batch.length;
        yield {
          items: batch.map((c, i) =>
            toItem(jiraAnonymousPermissions, {
              scope: 'project',
              projectId: c.id,
              projectKey: c.key,
              probed: [...PROJECT_PROBE],
              held: held[i] ?? [],
            }),
          ),
          checkpoint: index < list.length ? encodePosition({ parent: index, next: null }) : null,
        };
      }
    },
  });
}

export const collector = jiraAnonymousPermissionsCollector();
