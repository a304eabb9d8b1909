import type { DeclaredEndpoint, Endpoint } from './endpoint.ts';

// Marketplace REST v2: public reads, anonymous or with an Atlassian account's e-mail and API token
// (Basic, the API's only authentication). The stored spec (2021) predates the trust programme
// fields and privacy-and-security, which follow the current docs.
// https://developer.atlassian.com/platform/marketplace/rest/v2/
function marketplace<const Id extends `marketplace.${string}`>(
  id: Id,
  path: string,
  purpose: string,
  specPath?: string,
): DeclaredEndpoint<Id, 'none'> {
  return {
    id,
    host: 'marketplace',
    product: 'marketplace',
    method: 'GET',
    path,
    auth: ['anonymous', 'basic'],
    oauthScopes: [],
    pagination: 'none',
    ...(specPath
      ? { spec: { file: 'marketplace-rest-v2', path: specPath, method: 'get', status: '200' } }
      : {}),
    purpose,
  };
}

export const marketplaceEndpoints = [
  marketplace(
    'marketplace.addon.get',
    '/rest/2/addons/{addonKey}',
    'Listing, trust programmes, installs and reviews.',
    '/addons/{addonKey}',
  ),
  marketplace(
    'marketplace.addonLatestVersion.get',
    '/rest/2/addons/{addonKey}/versions/latest',
    'Declared Connect and Forge scopes of the latest version.',
    '/addons/{addonKey}/versions/latest',
  ),
  marketplace(
    'marketplace.addonPrivacy.get',
    '/rest/2/addons/{addonKey}/privacy-and-security',
    'Privacy and security answers: data storage, sub-processors, residency.',
  ),
  marketplace(
    'marketplace.vendor.get',
    '/rest/2/vendors/{vendorId}',
    'Vendor programmes and security approvals.',
    '/vendors/{vendorId}',
  ),
] as const satisfies readonly Endpoint[];
