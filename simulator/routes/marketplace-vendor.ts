import type { MarketplaceVendor } from '../tenant/model.ts';
import { imageAsset, slug, vendorHref } from './marketplace-listing.ts';

// `Vendor` (marketplace-rest-v2 spec) with the trust signals: `programs.topVendor`,
// `cloudSecurity` (the legacy Cloud Security Participant programme) and `isAtlassian`.
// https://developer.atlassian.com/platform/marketplace/rest/v2/api-group-vendors/#api-vendors-vendorid-get

export function renderVendor(vendor: MarketplaceVendor) {
  const self = vendorHref(vendor.id);
  const homePage = vendor.homePage.replace(/\/$/, '');
  return {
    _links: {
      self: { href: self },
      alternate: { href: `/vendors/${vendor.id}/${slug(vendor.name)}`, type: 'text/html' },
      addons: { href: `/rest/2/addons/vendor/${vendor.id}` },
      logo: { href: imageAsset(`vendor:${vendor.id}:logo`)._links.self.href },
    },
    _embedded: { logo: imageAsset(`vendor:${vendor.id}:logo`) },
    name: vendor.name,
    id: vendor.id,
    email: vendor.email,
    vendorLinks: { homePage: vendor.homePage },
    supportDetails: {
      supportOrg: {
        name: `${vendor.name} Support`,
        supportEmail: vendor.email,
        supportUrl: `${homePage}/support`,
      },
    },
    programs: { topVendor: { status: vendor.topVendor } },
    cloudSecurity: { approved: vendor.cloudSecurityApproved },
    isAtlassian: vendor.isAtlassian,
  };
}
