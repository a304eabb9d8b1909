import { addonHref, imageAsset, type Listed, slug, vendorHref } from './marketplace-listing.ts';
import { renderVersion } from './marketplace-version.ts';

// `Addon` (marketplace-rest-v2 spec) plus the trust-programme fields the 2021 spec predates:
// `programs` (Cloud Fortified, bug bounty, top vendor) and `storesPersonalData`.
// https://developer.atlassian.com/platform/marketplace/rest/v2/api-group-apps/#api-addons-addonkey-get

function vendorSummary({ app, listing, vendor }: Listed) {
  return {
    _links: {
      self: { href: vendorHref(listing.vendorId) },
      alternate: {
        href: `/vendors/${listing.vendorId}/${slug(vendor?.name ?? app.vendor.name)}`,
        type: 'text/html',
      },
    },
    _embedded: { logo: imageAsset(`vendor:${listing.vendorId}:logo`) },
    name: vendor?.name ?? app.vendor.name,
    programs: { topVendor: { status: vendor?.topVendor ?? 'not-requested' } },
    isAtlassian: vendor?.isAtlassian ?? false,
  };
}

export function renderAddon(listed: Listed, withVersion: boolean) {
  const { app, listing, vendor } = listed;
  const self = addonHref(app.key);
  const website = app.vendor.url.replace(/\/$/, '');
  return {
    _links: {
      self: { href: self },
      alternate: { href: `/apps/${listing.id}/${slug(app.name)}`, type: 'text/html' },
      vendor: { href: vendorHref(listing.vendorId) },
      versions: { href: `${self}/versions` },
      distribution: { href: `${self}/distribution` },
      reviews: [{ template: `${self}/reviews{?sort,offset,limit}`, type: 'application/json' }],
      logo: { href: imageAsset(`${app.key}:logo`)._links.self.href },
    },
    _embedded: {
      logo: imageAsset(`${app.key}:logo`),
      distribution: {
        bundled: false,
        bundledCloud: false,
        downloads: listing.downloads,
        totalInstalls: listing.totalInstalls,
        totalUsers: listing.totalUsers,
      },
      reviews: { averageStars: listing.averageStars, count: listing.reviewCount },
      vendor: vendorSummary(listed),
      ...(withVersion ? { version: renderVersion(listed) } : {}),
    },
    name: app.name,
    key: app.key,
    status: 'public',
    summary: app.description,
    tagLine: app.description,
    vendorLinks: { privacy: `${website}/privacy`, appStatusPage: `${website}/status` },
    lastModified: listing.lastReleaseDate,
    programs: {
      cloudFortified: { status: listing.cloudFortified },
      bugBountyParticipant: { cloud: { status: listing.bugBounty } },
      // Only a vendor in the programme carries the badge on its apps.
      ...(vendor?.topVendor === 'approved' ? { topVendor: { status: 'approved' } } : {}),
    },
    storesPersonalData: listing.storesPersonalData,
  };
}
