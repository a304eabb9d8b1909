import type { Call, Registrar } from '../http/serve.ts';
import { renderAddon } from './marketplace-addon.ts';
import { boolParam, checkFilters, listedApp, notFound } from './marketplace-listing.ts';
import { renderPrivacy } from './marketplace-privacy.ts';
import { renderVendor } from './marketplace-vendor.ts';
import { renderVersion } from './marketplace-version.ts';

// marketplace.atlassian.com/rest/2: public reads, no credentials needed. A caller may present an
// Atlassian account e-mail and API token (Basic), as the API's Authentication section allows; it
// is checked like any Basic credential (a wrong one is a 401) and then sees the same public data.
// https://developer.atlassian.com/platform/marketplace/rest/v2/intro/#auth

function listed(call: Call) {
  const found = listedApp(call.ctx.state, call.params.addonKey ?? '');
  checkFilters(call, found.app);
  return found;
}

export function marketplaceRoutes(r: Registrar): void {
  r.serve('marketplace.addon.get', (call) => renderAddon(listed(call), boolParam(call, 'withVersion')));
  r.serve('marketplace.addonLatestVersion.get', (call) => renderVersion(listed(call)));
  r.serve('marketplace.addonPrivacy.get', (call) => renderPrivacy(listed(call)));
  r.serve('marketplace.vendor.get', (call) => {
    const id = call.params.vendorId ?? '';
    const vendor = /^\d+$/.test(id)
      ? call.ctx.state.tenant.marketplace.vendors.find((v) => v.id === Number(id))
      : undefined;
    if (!vendor) throw notFound();
    return renderVendor(vendor);
  });
}
