import { confluenceGroups } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { accessGroups, accessGroupWalks } from './access-groups.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';

export const collector = defineCollector({
  dataset: confluenceGroups,
  cost: ({ records, pages }) => accessGroupWalks(records, (n) => pages('confluence.groups.list', n)),
  async *collect(ctx) {
    const site = requireSite(ctx, confluenceGroups.name);
    yield {
      items: toItems(confluenceGroups, await accessGroups(ctx, site, 'confluence')),
      checkpoint: null,
    };
  },
});
