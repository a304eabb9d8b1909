import type { SiteRef } from '../../atlassian/api.ts';
import { confluenceAnonymous } from '../../inventory/datasets/index.ts';
import { type CollectorContext, defineCollector } from '../collector.ts';
import { listingUnavailable, spaceKeysThroughV2 } from './confluence-spaces-v2.ts';
import { isAnonymousRefused, isNotPermitted, requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, obj, str } from './values.ts';
import { collectAll } from './walk.ts';

// Two unauthenticated reads: what the anonymous user may do (`use` on `application` = site-wide
// anonymous access), and which spaces an anonymous space listing returns — the ground truth of
// public spaces, whatever setting opened them. The listing is usually empty (one call); it is
// read whole before the single record is yielded, so a resume simply probes again. When the v1
// listing stops answering (confluence-spaces-v2.ts), the v2 `GET /wiki/api/v2/spaces` lists them.
//
// A site whose "Anonymous access to remote API" is off answers both with 401
// (https://support.atlassian.com/confluence-cloud/docs/disable-anonymous-access-to-remote-api/).
// That is a fact about the site, stored as `anonymousRefused`, and it says nothing about anonymous
// access in the browser, which is a separate setting: the anonymous user's operations are then
// asked with the site credential (any licensed user may read them), and are unknown (null
// `siteAccess`) when no credential may.

type Operation = { operation: string; targetType: string };

const OPERATIONS = { expand: 'operations' };

function operationsOf(user: unknown): Operation[] {
  return arr(obj(user).operations).map((o) => ({
    operation: str(obj(o).operation) ?? '',
    targetType: str(obj(o).targetType) ?? '',
  }));
}

const usesSite = (operations: readonly Operation[]) =>
  operations.some((o) => o.operation === 'use' && o.targetType === 'application');

async function probe(ctx: CollectorContext, site: SiteRef) {
  try {
    const user = await ctx.api.call('confluence.anonymousUser.get', {
      site,
      anonymous: true,
      query: OPERATIONS,
    });
    return { operations: operationsOf(user), keys: await visibleSpaceKeys(ctx, site) };
  } catch (error) {
    if (isAnonymousRefused(error)) return undefined;
    throw error;
  }
}

async function visibleSpaceKeys(ctx: CollectorContext, site: SiteRef): Promise<string[]> {
  try {
    const spaces = await collectAll(ctx, 'confluence.spacesWithPermissions.list', {
      site,
      anonymous: true,
    });
    return spaces.map((s) => s.key);
  } catch (error) {
    if (!listingUnavailable(error)) throw error;
    return spaceKeysThroughV2(ctx, site, true);
  }
}

/** The anonymous user's operations read with the site credential; null when none may read them. */
async function operationsWithCredential(ctx: CollectorContext, site: SiteRef): Promise<Operation[] | null> {
  try {
    return operationsOf(await ctx.api.call('confluence.anonymousUser.get', { site, query: OPERATIONS }));
  } catch (error) {
    if (isNotPermitted(error)) return null;
    throw error;
  }
}

export const collector = defineCollector({
  dataset: confluenceAnonymous,
  credential: 'none',
  // The anonymous user, then the spaces an anonymous listing shows (refused: the user again, signed in).
  cost: ({ records, pages }) =>
    1 + pages('confluence.spacesWithPermissions.list', records[0]?.visibleSpaceKeys.length ?? 0),
  async *collect(ctx) {
    const site = requireSite(ctx, confluenceAnonymous.name);
    const answered = await probe(ctx, site);
    if (!answered) {
      const operations = await operationsWithCredential(ctx, site);
      const record = {
        siteAccess: operations === null ? null : usesSite(operations),
        operations: operations ?? [],
        visibleSpaceKeys: [],
        anonymousRefused: true,
      };
      yield { items: [toItem(confluenceAnonymous, record)], checkpoint: null };
      return;
    }
    yield {
      items: [
        toItem(confluenceAnonymous, {
          siteAccess: usesSite(answered.operations),
          operations: answered.operations,
          visibleSpaceKeys: answered.keys.sort(),
        }),
      ],
      checkpoint: null,
    };
  },
});
