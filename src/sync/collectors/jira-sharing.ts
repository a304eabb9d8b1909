import type { PageOptions } from '../../atlassian/api.ts';
import { type Dataset, jiraDashboards, jiraFilters } from '../../inventory/datasets/index.ts';
import type { CollectedItem, Collector, CollectorContext, CollectorPage } from '../collector.ts';
import { isRejected, requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, num, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Filters and dashboards with their share permissions, 100 per page. Filters are read with
// `overrideSharePermissions=true` so that every filter shows, not only those shared with the
// Palisade account; Jira refuses that flag (400) to non-administrators, in which case the walk
// restarts without it and covers what the account can see.

function share(raw: unknown) {
  const s = obj(raw);
  const group = obj(s.group);
  return {
    type: str(s.type) ?? 'unknown',
    groupId: str(group.groupId),
    groupName: str(group.name),
    projectId: str(obj(s.project).id),
    roleId: num(obj(s.role).id),
    accountId: str(obj(s.user).accountId),
  };
}

function toShared(dataset: Dataset, raws: unknown[]): CollectedItem[] {
  return raws.map((raw) => {
    const f = obj(raw);
    return toItem(dataset, {
      id: str(f.id),
      name: str(f.name),
      ownerAccountId: str(obj(f.owner).accountId),
      sharePermissions: arr(f.sharePermissions).map(share),
    });
  });
}

async function* walkFilters(ctx: CollectorContext, options: PageOptions): AsyncGenerator<CollectorPage> {
  const expand = 'sharePermissions,owner';
  let yielded = false;
  try {
    for await (const page of walk<unknown>(
      ctx,
      'jira.filters',
      { ...options, query: { expand, overrideSharePermissions: true } },
      (raws) => toShared(jiraFilters, raws),
    )) {
      yielded = true;
      yield page;
    }
  } catch (error) {
    // Refused before any page: the account is not a Jira administrator (also on a resume of a
    // walk that already ran without the flag).
    if (!isRejected(error) || yielded) throw error;
    yield* walk<unknown>(ctx, 'jira.filters', { ...options, query: { expand } }, (raws) =>
      toShared(jiraFilters, raws),
    );
  }
}

export function jiraFiltersCollector(): Collector {
  return {
    dataset: jiraFilters.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.filters'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraFilters.name);
      yield* walkFilters(ctx, { site });
    },
  };
}

export function jiraDashboardsCollector(): Collector {
  return {
    dataset: jiraDashboards.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.dashboards'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraDashboards.name);
      yield* walk<unknown>(
        ctx,
        'jira.dashboards',
        { site, query: { expand: 'sharePermissions,owner' } },
        (raws) => toShared(jiraDashboards, raws),
      );
    },
  };
}
