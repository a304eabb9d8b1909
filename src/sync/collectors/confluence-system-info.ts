import { confluenceSystemInfo } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { obj, str } from './values.ts';

export function confluenceSystemInfoCollector(): Collector {
  return {
    dataset: confluenceSystemInfo.name,
    scope: 'site',
    product: 'confluence',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['confluence.systemInfo.get'],
    async *collect(ctx) {
      const site = requireSite(ctx, confluenceSystemInfo.name);
      const s = obj(await ctx.api.call('confluence.systemInfo.get', { site }));
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
  };
}
