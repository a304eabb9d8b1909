import type { DataCenterSiteInfo, RunningSimulator } from '../start.ts';
import { dataCenterSite } from '../tenant/data-center.ts';
import type { Tenant } from '../tenant/model.ts';
import { tinyTenant } from './tiny-tenant.ts';

// The tiny tenant with its Data Center sites clean (as tinyTenant has them) or misconfigured
// (the demo's planted problems, tenant/data-center.ts), and a lookup of a served DC site.

export const DC_BUILT_AT = new Date('2026-11-01T12:00:00Z');

export function dataCenterTenant(posture: 'clean' | 'misconfigured', now = DC_BUILT_AT): Tenant {
  const tenant = tinyTenant(now);
  tenant.dataCenterSites = [
    dataCenterSite(
      { name: 'acme-jira-dc', product: 'jira-data-center', host: 'jira.acme-dc.example', posture },
      now,
    ),
    dataCenterSite(
      {
        name: 'acme-confluence-dc',
        product: 'confluence-data-center',
        host: 'confluence.acme-dc.example',
        posture,
      },
      now,
    ),
  ];
  return tenant;
}

/** The served Data Center site of a product, with Bearer headers for its admin and plain-user PATs. */
export function servedDcSite(
  sim: RunningSimulator,
  product: DataCenterSiteInfo['product'],
): DataCenterSiteInfo & { admin: string; user: string } {
  const site = sim.info.dataCenterSites.find((s) => s.product === product);
  if (!site) throw new Error(`the simulator serves no ${product} site`);
  return {
    ...site,
    admin: `Bearer ${site.credentials.adminToken}`,
    user: `Bearer ${site.credentials.userToken}`,
  };
}
