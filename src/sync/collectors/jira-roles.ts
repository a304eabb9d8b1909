import { jiraApplicationRoles, jiraRoles } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';
import { arr, bool, num, obj, str } from './values.ts';

export function jiraRolesCollector(): Collector {
  return {
    dataset: jiraRoles.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.roles.list'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraRoles.name);
      const roles = arr(await ctx.api.call('jira.roles.list', { site })).map((raw) => {
        const r = obj(raw);
        return { id: num(r.id), name: str(r.name), description: str(r.description), admin: bool(r.admin) };
      });
      yield { items: toItems(jiraRoles, roles), checkpoint: null };
    },
  };
}

export function jiraApplicationRolesCollector(): Collector {
  return {
    dataset: jiraApplicationRoles.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.applicationRoles.list'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraApplicationRoles.name);
      const roles = arr(await ctx.api.call('jira.applicationRoles.list', { site })).map((raw) => {
        const r = obj(raw);
        const details = arr(r.groupDetails).map(obj);
        // `groupDetails` carries ids; `groups` (names only) is the fallback for older responses.
        const groups =
          details.length > 0
            ? details.map((g) => ({ groupId: str(g.groupId), name: str(g.name) }))
            : arr(r.groups).map((name) => ({ groupId: null, name: str(name) }));
        return {
          key: str(r.key),
          name: str(r.name),
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
  };
}
