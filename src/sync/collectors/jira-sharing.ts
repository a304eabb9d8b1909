import type { PageOptions } from '../../atlassian/api.ts';
import { type Dataset, jiraFilters } from '../../inventory/datasets/index.ts';
import type { CollectedItem, CollectorContext, CollectorPage, PartialNote } from '../collector.ts';
import { isRejected } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, num, obj, str } from './values.ts';
import { walk } from './walk.ts';

// What filters and dashboards share (jira-filters.ts, jira-dashboards.ts): each with its owner
// and share permissions, 100 per page. Filters are read with
// `overrideSharePermissions=true` so that every filter shows, not only those shared with the
// Palisade account; Jira refuses that flag (400) to non-administrators, in which case the walk
// restarts without it, covers what the account can see, and says so (partial). A credential known
// not to hold Administer Jira does not ask (the sync plan already marks the dataset partial).

/** Why a walk without the override is only part of the filters. */
const FILTERS_NOT_ALL: PartialNote = {
  reason:
    'Jira refused overrideSharePermissions (Jira administrators only): only the filters shared with the credential were read',
  missing: 'Jira administrator (Administer Jira global permission)',
};

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

/** A filter or dashboard: its id and name are relied on, its owner and shares read as found. */
interface Shared {
  id: string;
  name: string;
  owner?: unknown;
  sharePermissions?: unknown;
}

export function toShared(dataset: Dataset, found: readonly Shared[]): CollectedItem[] {
  return found.map((f) =>
    toItem(dataset, {
      id: f.id,
      name: f.name,
      ownerAccountId: str(obj(f.owner).accountId),
      sharePermissions: arr(f.sharePermissions).map(share),
    }),
  );
}

export async function* walkFilters(
  ctx: CollectorContext,
  options: PageOptions,
): AsyncGenerator<CollectorPage> {
  const expand = 'sharePermissions,owner';
  const withoutOverride = () =>
    walk(ctx, 'jira.filters.search', { ...options, query: { expand } }, (raws) =>
      toShared(jiraFilters, raws),
    );
  if (ctx.access?.jiraAdmin === false) {
    yield* withoutOverride();
    return;
  }
  let yielded = false;
  try {
    for await (const page of walk(
      ctx,
      'jira.filters.search',
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
    for await (const page of withoutOverride()) {
      yield page.checkpoint === null ? { ...page, partial: FILTERS_NOT_ALL } : page;
    }
  }
}
