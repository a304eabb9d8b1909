import { confluenceGroups } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { accessGroups } from './access-groups.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';

export function confluenceGroupsCollector(): Collector {
  return {
    dataset: confluenceGroups.name,
    scope: 'site',
    product: 'confluence',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['confluence.groups.list'],
    async *collect(ctx) {
      const site = requireSite(ctx, confluenceGroups.name);
      yield {
        items: toItems(confluenceGroups, await accessGroups(ctx, site, 'confluence.groups.list')),
        checkpoint: null,
      };
    },
  };
}
