import { orgGroups } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { walkSearchOrList } from './search-or-list.ts';
import { bool, num, obj, str } from './values.ts';

// Directory groups with member counts, 100 per page (the most `limit` takes), through
// `POST …/groups/search` (counts only when `expand` asks) with `GET …/groups` as the fallback
// (search-or-list.ts). Memberships are not read here: the catalogue
// has no org-level membership list, and the per-group alternative (v2 users filtered by groupIds)
// costs one walk per group (5,000 on xl). The memberships checks need — site-admin, admin and
// product access groups — come from jira.group-members instead (see README.md).

export const collector = defineCollector({
  dataset: orgGroups,
  cost: ({ records, pages }) => pages('admin.directory.groups.search', records.length),
  async *collect(ctx) {
    const orgId = requireOrgId(ctx, orgGroups.name);
    const params = { orgId, directoryId: '-' };
    yield* walkSearchOrList(
      ctx,
      orgGroups.name,
      {
        endpoint: 'admin.directory.groups.search',
        options: { params, body: { expand: ['counts.users', 'counts.resources'] } },
      },
      { endpoint: 'admin.directory.groups.list', options: { params } },
      (groups) =>
        groups.map((g) => {
          const counts = obj(g.counts);
          return toItem(orgGroups, {
            id: g.id,
            name: g.name,
            description: str(g.description),
            directoryId: str(g.directoryId),
            managedBy: str(g.managedBy),
            externalSynced: bool(g.externalSynced) ?? false,
            memberCount: num(counts.users),
            resourceCount: num(counts.resources),
          });
        }),
    );
  },
});
