import { jiraPermissionSchemes } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';
import { arr, num, obj, str } from './values.ts';

// Every scheme with its grants in one call: any `expand` value includes the grants, and `all`
// also names the holders (groups, roles, fields).

export const collector = defineCollector({
  dataset: jiraPermissionSchemes,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, jiraPermissionSchemes.name);
    const body = await ctx.api.call('jira.permissionSchemes.list', { site, query: { expand: 'all' } });
    const schemes = body.permissionSchemes.map((s) => ({
      id: s.id,
      name: s.name,
      description: str(s.description),
      // Grants are not relied on as a list (a scheme without them holds none); each is read as found.
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
    }));
    yield { items: toItems(jiraPermissionSchemes, schemes), checkpoint: null };
  },
});
