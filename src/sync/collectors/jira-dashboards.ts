import { jiraDashboards } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toShared } from './jira-sharing.ts';
import { walk } from './walk.ts';

export const collector = defineCollector({
  dataset: jiraDashboards,
  cost: ({ records, pages }) => pages('jira.dashboards.search', records.length),
  async *collect(ctx) {
    const site = requireSite(ctx, jiraDashboards.name);
    yield* walk(
      ctx,
      'jira.dashboards.search',
      { site, query: { expand: 'sharePermissions,owner' } },
      (found) => toShared(jiraDashboards, found),
    );
  },
});
