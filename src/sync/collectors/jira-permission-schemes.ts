import { jiraPermissionSchemes } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';
import { arr, num, obj, str } from './values.ts';

// Every scheme with its grants in one call: any `expand` value includes the grants, and `all`
// also names the holders (groups, roles, fields).

export function jiraPermissionSchemesCollector(): Collector {
  return {
    dataset: jiraPermissionSchemes.name,
    scope: 'site',
    product: 'jira',
    kind: 'snapshot',
    credential: 'site',
    endpoints: ['jira.permissionSchemes.list'],
    async *collect(ctx) {
      const site = requireSite(ctx, jiraPermissionSchemes.name);
      const body = obj(await ctx.api.call('jira.permissionSchemes.list', { site, query: { expand: 'all' } }));
      const schemes = arr(body.permissionSchemes).map((raw) => {
        const s = obj(raw);
        return {
          id: num(s.id),
          name: str(s.name),
          description: str(s.description),
          grants: arr(s.permissions).map((g) => {
            const grant = obj(g);
            const holder = obj(grant.holder);
            return {
              id: num(grant.id),
              permission: str(grant.permission),
              holderType: str(holder.type),
              holderParameter: str(holder.parameter),
              holderValue: str(holder.value),
            };
          }),
        };
      });
      yield { items: toItems(jiraPermissionSchemes, schemes), checkpoint: null };
    },
  };
}
