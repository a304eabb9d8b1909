import { createHash } from 'node:crypto';
import type { SimState } from '../core/state.ts';
import { SimError } from '../http/errors.ts';
import { queryList, queryString } from '../http/paginate.ts';
import type { Call } from '../http/serve.ts';
import type { App, MarketplaceListing, MarketplaceVendor } from '../tenant/model.ts';

// What the Marketplace knows of an app: only listed apps exist there (a private, development-mode
// or system app is unknown to it). Resource links are host-relative, as the API's "URI structure"
// rule says ("the link will be /rest/2/addons rather than https://marketplace.atlassian.com/...");
// links to third-party content are absolute.
// https://developer.atlassian.com/platform/marketplace/rest/v2/intro/#uris

export interface Listed {
  app: App;
  listing: MarketplaceListing;
  vendor: MarketplaceVendor | undefined;
}

// The spec's 404 wording ("The resource does not exist or isn't visible to you").
export const notFound = () => new SimError(404, "The resource does not exist or isn't visible to you");

export function listedApp(state: SimState, key: string): Listed {
  const listing = state.tenant.marketplace.listings.find((l) => l.appKey === key);
  const app = state.appsByKey.get(key);
  if (!listing || !app?.listed) throw notFound();
  const vendor = state.tenant.marketplace.vendors.find((v) => v.id === listing.vendorId);
  return { app, listing, vendor };
}

/**
 * Filters the query may set: an app that is not for the requested `hosting` or `application` is
 * "not visible" (404). Every simulated listing is a Cloud app.
 */
export function checkFilters(call: Call, app: App): void {
  const hosting = queryList(call.query, 'hosting').map((h) => h.toLowerCase());
  if (hosting.length > 0 && !hosting.includes('cloud') && !hosting.includes('any')) throw notFound();
  const application = queryString(call.query, 'application')?.toLowerCase();
  if (application && !app.products.includes(application as 'jira' | 'confluence')) throw notFound();
}

export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A stable UUID-shaped id derived from a seed (asset ids, Forge environment and version ids). */
export function stableId(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An `ImageAssetSummary`: the asset resource and its image files. */
export function imageAsset(seed: string) {
  const id = stableId(seed);
  return {
    _links: {
      self: { href: `/rest/2/assets/${id}` },
      image: { href: `/files/${id}.png`, type: 'image/png' },
      unscaled: { href: `/files/${id}.png`, type: 'image/png' },
      highRes: { href: `/files/${id}@2x.png`, type: 'image/png' },
    },
  };
}

export const vendorHref = (vendorId: number) => `/rest/2/vendors/${vendorId}`;
export const addonHref = (key: string) => `/rest/2/addons/${encodeURIComponent(key)}`;
export const boolParam = (call: Call, name: string) =>
  queryString(call.query, name)?.toLowerCase() === 'true';

/** `2.4.1` → 2004001: Marketplace build numbers are integers that grow with each release. */
export function buildNumber(version: string): number {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (m) return Number(m[1]) * 1_000_000 + Number(m[2]) * 1_000 + Number(m[3]);
  return Number.parseInt(createHash('sha1').update(version).digest('hex').slice(0, 7), 16);
}
