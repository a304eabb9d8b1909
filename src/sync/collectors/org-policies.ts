import { orgPolicies } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, obj, str } from './values.ts';
import { walk } from './walk.ts';

export function orgPoliciesCollector(): Collector {
  return {
    dataset: orgPolicies.name,
    scope: 'org',
    kind: 'snapshot',
    credential: 'org',
    endpoints: ['admin.policies.list'],
    async *collect(ctx) {
      const orgId = requireOrgId(ctx, orgPolicies.name);
      yield* walk(ctx, 'admin.policies.list', { params: { orgId } }, (raws) =>
        raws.map((raw) => {
          const p = obj(raw);
          const a = obj(p.attributes);
          const status = str(a.status) ?? 'unknown';
          return toItem(orgPolicies, {
            id: str(p.id),
            type: str(a.type),
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
  };
}
