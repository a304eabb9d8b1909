import { jiraApplicationProperties } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';
import { str } from './values.ts';

export const collector = defineCollector({
  dataset: jiraApplicationProperties,
  cost: () => 1,
  async *collect(ctx) {
    const site = requireSite(ctx, jiraApplicationProperties.name);
    const properties = await ctx.api.call('jira.applicationProperties.list', { site });
    const props = properties.map((p) => ({
      key: str(p.key) ?? p.id,
      value: str(p.value),
      name: str(p.name),
      type: str(p.type),
      defaultValue: str(p.defaultValue),
    }));
    yield { items: toItems(jiraApplicationProperties, props), checkpoint: null };
  },
});
