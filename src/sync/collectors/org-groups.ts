import { orgGroups } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { bool, num, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Directory groups with member counts, 500 per page. Memberships are not read here: the catalogue
// has no org-level membership list, and the per-group alternative (v2 users filtered by groupIds)
// costs one walk per group (5,000 on xl). The memberships checks need — site-admin, admin and
// product access groups — come from jira.group-members instead (see README.md).

export function orgGroupsCollector(): Collector {
  return {
    dataset: orgGroups.name,
    scope: 'org',
    kind: 'snapshot',
    credential: 'org',
    endpoints: ['admin.directory.groups.list'],
    async *collect(ctx) {
      const orgId = requireOrgId(ctx, orgGroups.name);
      yield* walk<unknown>(
        ctx,
        'admin.directory.groups.list',
        { params: { orgId, directoryId: '-' } },
        (raws) =>
          raws.map((raw) => {
            const g = obj(raw);
            const counts = obj(g.counts);
            return toItem(orgGroups, {
              id: str(g.id),
              name: str(g.name),
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
  };
}
