import { jiraFilters } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { walkFilters } from './jira-sharing.ts';

export const collector = defineCollector({
  dataset: jiraFilters,
  cost: ({ records, pages }) => pages('jira.filters.search', records.length),
  async *collect(ctx) {
    const site = requireSite(ctx, jiraFilters.name);
    yield* walkFilters(ctx, { site });
  },
});
