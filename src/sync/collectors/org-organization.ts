import { orgOrganization } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';

export const collector = defineCollector({
  dataset: orgOrganization,
  cost: () => 1,
  async *collect(ctx) {
    const orgId = requireOrgId(ctx, orgOrganization.name);
    const { data } = await ctx.api.call('admin.orgs.get', { params: { orgId } });
    yield { items: [toItem(orgOrganization, { id: data.id, name: data.attributes.name })], checkpoint: null };
  },
});
