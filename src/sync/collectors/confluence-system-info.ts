import { confluenceSystemInfo } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { str } from './values.ts';

export const collector = defineCollector({
  dataset: confluenceSystemInfo,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, confluenceSystemInfo.name);
    const s = await ctx.api.call('confluence.systemInfo.get', { site });
    yield {
      items: [
        toItem(confluenceSystemInfo, {
          cloudId: str(s.cloudId),
          baseUrl: str(s.baseUrl),
          edition: str(s.edition),
          siteTitle: str(s.siteTitle),
        }),
      ],
      checkpoint: null,
    };
  },
});
