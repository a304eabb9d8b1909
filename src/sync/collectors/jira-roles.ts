import { jiraRoles } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';
import { bool, str } from './values.ts';

export const collector = defineCollector({
  dataset: jiraRoles,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, jiraRoles.name);
    const roles = (await ctx.api.call('jira.roles.list', { site })).map((r) => ({
      id: r.id,
      name: r.name,
      description: str(r.description),
      admin: bool(r.admin),
    }));
    yield { items: toItems(jiraRoles, roles), checkpoint: null };
  },
});
