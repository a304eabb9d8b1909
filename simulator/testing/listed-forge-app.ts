import type { Tenant } from '../tenant/model.ts';

/** The Marketplace key of the app `addListedForgeApp` lists. */
export const LISTED_FORGE_APP = 'com.tiny.forge-audit';

/**
 * Adds to a tenant a Forge app listed on the Marketplace by the tiny tenant's vendor (501), whose
 * vendor never filled in the privacy form: the tiny tenant's only Forge app is unlisted, and a
 * listed one is what has `cloud.appScopes` in its Marketplace version.
 */
export function addListedForgeApp(t: Tenant): Tenant {
  t.apps.push({
    key: LISTED_FORGE_APP,
    name: 'Audit Lens',
    description: 'Audit trails for Jira and Confluence',
    version: '3.1.0',
    framework: 'forge',
    appId: 'b8e1d0c2-0000-4000-8000-0000000000a1',
    vendor: { id: 501, name: 'Tiny Tools Ltd', url: 'https://tinytools.example/' },
    scopes: ['read:jira-work', 'read:confluence-content.all', 'storage:app'],
    egress: [],
    listed: true,
    developmentMode: false,
    products: ['jira', 'confluence'],
  });
  t.marketplace.listings.push({
    appKey: LISTED_FORGE_APP,
    id: 1211002,
    vendorId: 501,
    cloudFortified: 'approved',
    bugBounty: 'not-requested',
    storesPersonalData: false,
    totalInstalls: 12,
    totalUsers: 300,
    downloads: 40,
    averageStars: 4.5,
    reviewCount: 2,
    lastReleaseDate: '2026-10-02T08:30:00.000Z',
    paymentModel: 'free',
    privacy: null,
  });
  return t;
}
