import { orgPolicies } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, obj, str } from './values.ts';
import { walk } from './walk.ts';

export const collector = defineCollector({
  dataset: orgPolicies,
  cost: ({ records, pages }) => pages('admin.policies.list', records.length),
  async *collect(ctx) {
    const orgId = requireOrgId(ctx, orgPolicies.name);
    yield* walk(ctx, 'admin.policies.list', { params: { orgId } }, (policies) =>
      policies.map((p) => {
        const a = p.attributes;
        const status = str(a.status) ?? 'unknown';
        return toItem(orgPolicies, {
          id: p.id,
          type: a.type,
          name: str(a.name),
          status,
          enabled: status.toLowerCase() === 'enabled',
          ruleValues: arr(obj(a.rule).in)
            .map(str)
            .filter((v): v is string => v !== null),
          resources: arr(a.resources).map((r) => ({
            id: str(obj(r).id),
            applicationStatus: str(obj(r).applicationStatus),
          })),
        });
      }),
    );
  },
});
