import { jiraGroups } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { accessGroups, accessGroupWalks } from './access-groups.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';

export const collector = defineCollector({
  dataset: jiraGroups,
  cost: ({ records, pages }) => accessGroupWalks(records, (n) => pages('jira.groups.list', n)),
  async *collect(ctx) {
    const site = requireSite(ctx, jiraGroups.name);
    yield {
      items: toItems(jiraGroups, await accessGroups(ctx, site, 'jira')),
      checkpoint: null,
    };
  },
});
