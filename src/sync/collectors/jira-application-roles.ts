import { jiraApplicationRoles } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';
import { arr, bool, num, obj, str } from './values.ts';

export const collector = defineCollector({
  dataset: jiraApplicationRoles,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, jiraApplicationRoles.name);
    const roles = (await ctx.api.call('jira.applicationRoles.list', { site })).map((r) => {
      const details = arr(r.groupDetails).map(obj);
      // `groupDetails` carries ids; `groups` (names only) is the fallback for older responses.
      const groups =
        details.length > 0
          ? details.map((g) => ({ groupId: str(g.groupId), name: str(g.name) }))
          : arr(r.groups).map((name) => ({ groupId: null, name: str(name) }));
      return {
        key: r.key,
        name: r.name,
        groups,
        defaultGroups: arr(r.defaultGroups)
          .map(str)
          .filter((g): g is string => g !== null),
        numberOfSeats: num(r.numberOfSeats),
        userCount: num(r.userCount),
        hasUnlimitedSeats: bool(r.hasUnlimitedSeats),
      };
    });
    yield { items: toItems(jiraApplicationRoles, roles), checkpoint: null };
  },
});
