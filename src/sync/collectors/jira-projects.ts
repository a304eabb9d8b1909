import type { SiteRef } from '../../atlassian/api.ts';
import { jiraPermissionSchemes, jiraProjects } from '../../inventory/datasets/index.ts';
import { type Collector, type CollectorContext, defineCollector } from '../collector.ts';
import { isForbidden, isNotFound, isUnusable, recordsOf, requireSite } from './context.ts';
import { mapLimit } from './map-limit.ts';
import { toItem } from './normalize.ts';
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
    const scheme = await ctx.api.call('jira.projectPermissionScheme.get', {
      site,
      params: { projectKeyOrId: projectId },
    });
    return scheme.id;
  } catch (error) {
    // Jira will not say without Administer Projects on the project, or it vanished: unknown.
    if (isForbidden(error) || isNotFound(error) || isUnusable(error)) return null;
    throw error;
  }
}

export function jiraProjectsCollector(options: JiraProjectsOptions = {}): Collector {
  const concurrency = options.concurrency ?? 8;
  return defineCollector({
    dataset: jiraProjects,
    dependsOn: [jiraPermissionSchemes],
    cost: ({ records, recordsOf, pages }) =>
      pages('jira.projects.search', records.length) +
      (recordsOf(jiraPermissionSchemes).length === 1 ? 0 : records.length),
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
        async (projects) => {
          const schemeIds =
            onlyScheme !== null
              ? projects.map(() => onlyScheme)
              : await mapLimit(projects, concurrency, (p) => schemeOf(ctx, site, p.id));
          unknown += schemeIds.filter((id) => id === null).length;
          return projects.map((p, i) => {
            const insight = obj(p.insight);
            return toItem(jiraProjects, {
              id: p.id,
              key: p.key,
              name: p.name,
              projectTypeKey: str(p.projectTypeKey),
              simplified: bool(p.simplified) ?? str(p.style) === 'next-gen',
              isPrivate: bool(p.isPrivate),
              archived: bool(p.archived) ?? false,
              leadAccountId: str(obj(p.lead).accountId),
              permissionSchemeId: schemeIds[i] ?? null,
              totalIssueCount: num(insight.totalIssueCount),
              lastIssueUpdateTime: isoTime(insight.lastIssueUpdateTime),
            });
          });
        },
      );
      for await (const page of pages) {
        // Once, when the first project without a known scheme shows up.
        if (unknown > 0 && !noted) {
          noted = true;
          yield {
            ...page,
            partial: {
              reason: 'the permission scheme of some projects is unknown',
              missing: 'Administer Projects',
            },
          };
        } else yield page;
      }
    },
  });
}

export const collector = jiraProjectsCollector();
