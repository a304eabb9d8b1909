import { confluenceAnonymous } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { listingUnavailable, spaceKeysThroughV2 } from './confluence-spaces-v2.ts';
import { requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, obj, str } from './values.ts';
import { collectAll } from './walk.ts';

// Two unauthenticated reads: what the anonymous user may do (`use` on `application` = site-wide
// anonymous access), and which spaces an anonymous space listing returns — the ground truth of
// public spaces, whatever setting opened them. The listing is usually empty (one call); it is
// read whole before the single record is yielded, so a resume simply probes again. When the v1
// listing stops answering (confluence-spaces-v2.ts), the v2 `GET /wiki/api/v2/spaces` lists them.

export function confluenceAnonymousCollector(): Collector {
  return {
    dataset: confluenceAnonymous.name,
    scope: 'site',
    product: 'confluence',
    kind: 'snapshot',
    credential: 'none',
    endpoints: ['confluence.anonymousUser', 'confluence.spacesWithPermissions', 'confluence.spaces'],
    async *collect(ctx) {
      const site = requireSite(ctx, confluenceAnonymous.name);
      const user = obj(
        await ctx.api.call('confluence.anonymousUser', {
          site,
          anonymous: true,
          query: { expand: 'operations' },
        }),
      );
      const operations = arr(user.operations).map((o) => ({
        operation: str(obj(o).operation) ?? '',
        targetType: str(obj(o).targetType) ?? '',
      }));
      let visible: string[];
      try {
        const spaces = await collectAll<unknown>(ctx, 'confluence.spacesWithPermissions', {
          site,
          anonymous: true,
        });
        visible = spaces.map((s) => str(obj(s).key)).filter((k): k is string => k !== null);
      } catch (error) {
        if (!listingUnavailable(error)) throw error;
        visible = await spaceKeysThroughV2(ctx, site, true);
      }
      yield {
        items: [
          toItem(confluenceAnonymous, {
            siteAccess: operations.some((o) => o.operation === 'use' && o.targetType === 'application'),
            operations,
            visibleSpaceKeys: visible.sort(),
          }),
        ],
        checkpoint: null,
      };
    },
  };
}
