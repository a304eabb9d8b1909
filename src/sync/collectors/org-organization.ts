import { orgOrganization } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { obj, str } from './values.ts';

export function orgOrganizationCollector(): Collector {
  return {
    dataset: orgOrganization.name,
    scope: 'org',
    kind: 'snapshot',
    credential: 'org',
    endpoints: ['admin.orgs.get'],
    async *collect(ctx) {
      const orgId = requireOrgId(ctx, orgOrganization.name);
      const body = obj(await ctx.api.call('admin.orgs.get', { params: { orgId } }));
      const data = obj(body.data);
      yield {
        items: [toItem(orgOrganization, { id: str(data.id), name: str(obj(data.attributes).name) })],
        checkpoint: null,
      };
    },
  };
}
