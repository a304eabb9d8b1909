import { orgDomains, UNKNOWN_DOMAIN_STATUS } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { obj, str } from './values.ts';
import { walk } from './walk.ts';

export const collector = defineCollector({
  dataset: orgDomains,
  cost: ({ records, pages }) => pages('admin.domains.list', records.length),
  async *collect(ctx) {
    const orgId = requireOrgId(ctx, orgDomains.name);
    yield* walk(ctx, 'admin.domains.list', { params: { orgId } }, (domains) =>
      domains.map((d) => {
        const claim = obj(d.attributes.claim);
        // The spec's status enum is lower case; older responses used upper case.
        const status = (str(claim.status) ?? UNKNOWN_DOMAIN_STATUS).toLowerCase();
        return toItem(orgDomains, {
          id: d.id,
          name: d.attributes.name,
          claimType: str(claim.type),
          status,
          verified: status === 'verified',
        });
      }),
    );
  },
});
