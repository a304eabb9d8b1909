import { orgDomains } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { obj, str } from './values.ts';
import { walk } from './walk.ts';

export function orgDomainsCollector(): Collector {
  return {
    dataset: orgDomains.name,
    scope: 'org',
    kind: 'snapshot',
    credential: 'org',
    endpoints: ['admin.domains.list'],
    async *collect(ctx) {
      const orgId = requireOrgId(ctx, orgDomains.name);
      yield* walk(ctx, 'admin.domains.list', { params: { orgId } }, (raws) =>
        raws.map((raw) => {
          const d = obj(raw);
          const attributes = obj(d.attributes);
          const claim = obj(attributes.claim);
          // The spec's status enum is lower case; older responses used upper case.
          const status = (str(claim.status) ?? 'unknown').toLowerCase();
          return toItem(orgDomains, {
            id: str(d.id),
            name: str(attributes.name),
            claimType: str(claim.type),
            status,
            verified: status === 'verified',
          });
        }),
      );
    },
  };
}
