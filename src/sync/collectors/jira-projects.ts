import type { SiteRef } from '../../atlassian/api.ts';
import { jiraPermissionSchemes, jiraProjects } from '../../inventory/datasets/index.ts';
import type { Collector, CollectorContext } from '../collector.ts';
import { isForbidden, isNotFound, isUnusable, recordsOf, requireSite } from './context.ts';
import { mapLimit } from './map-limit.ts';
import { toItem } from './normalize.ts';
import { withNote } from './partial.ts';
import { bool, isoTime, num, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Projects, 100 per page, each with the permission scheme it uses. `project/search` cannot expand
// the scheme and no bulk endpoint maps projects to schemes (the v3 spec has only the per-project
// `GET /project/{key}/permissionscheme`), so each page of projects costs one more call per project
// — except on a site with a single permission scheme, where every project necessarily uses it and
// no per-project call is made. The scheme calls run inside the page they belong to, so a page's
// checkpoint still means "these projects are done".

export interface JiraProjectsOptions {
  /** Per-project scheme calls in flight at once. */
  concurrency?: number;
}

async function schemeOf(ctx: CollectorContext, site: SiteRef, projectId: string): Promise<number | null> {
  try {
    const scheme = obj(
      await ctx.api.call('jira.projectPermissionScheme.get', { site, params: { projectKeyOrId: projectId } }),
    );
    return num(scheme.id);
  } catch (error) {
    // Jira will not say without Administer Projects on the project, or it vanished: unknown.
    if (isForbidden(error) || isNotFound(error) || isUnusable(error)) return null;
    throw error;
  }
}

export function jiraProjectsCollector(options: JiraProjectsOptions = {}): Collector {
  const concurrency = options.concurrency ?? 8;
  return {
    dataset: jiraProjects.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    dependsOn: [jiraPermissionSchemes.name],
    endpoints: ['jira.projects.search', 'jira.projectPermissionScheme.get'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraProjects.name);
      const schemes = await recordsOf(ctx, jiraPermissionSchemes);
      const onlyScheme = schemes.length === 1 ? (schemes[0]?.id ?? null) : null;
      let unknown = 0;
      let noted = false;
      const pages = walk(
        ctx,
        'jira.projects.search',
        { site, query: { expand: 'lead,insight', status: ['live', 'archived'] } },
        async (items) => {
          const raws = items.map(obj);
          const schemeIds =
            onlyScheme !== null
              ? raws.map(() => onlyScheme)
              : await mapLimit(raws, concurrency, (p) => schemeOf(ctx, site, str(p.id) ?? ''));
          unknown += schemeIds.filter((id) => id === null).length;
          return raws.map((p, i) => {
            const lead = obj(p.lead);
            const insight = obj(p.insight);
            return toItem(jiraProjects, {
              id: str(p.id),
              key: str(p.key),
              name: str(p.name),
              projectTypeKey: str(p.projectTypeKey),
              simplified: bool(p.simplified) ?? str(p.style) === 'next-gen',
              isPrivate: bool(p.isPrivate),
              archived: bool(p.archived) ?? false,
              leadAccountId: str(lead.accountId),
              permissionSchemeId: schemeIds[i] ?? null,
              totalIssueCount: num(insight.totalIssueCount),
              lastIssueUpdateTime: isoTime(insight.lastIssueUpdateTime),
            });
          });
        },
      );
      for await (const page of pages) {
        // Once, when the first project without a known scheme shows up.
        const note =
          unknown > 0 && !noted
            ? { reason: 'the permission scheme of some projects is unknown', missing: 'Administer Projects' }
            : undefined;
        if (note) noted = true;
        yield withNote(page, note);
      }
    },
  };
}
