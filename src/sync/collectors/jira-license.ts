import { jiraLicense } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';

export const collector = defineCollector({
  dataset: jiraLicense,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, jiraLicense.name);
    const { applications } = await ctx.api.call('jira.license.get', { site });
    const apps = applications.map((a) => ({ applicationId: a.id, plan: a.plan }));
    yield { items: toItems(jiraLicense, apps), checkpoint: null };
  },
});
