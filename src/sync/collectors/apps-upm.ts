import { appsUpmConfluence, appsUpmJira } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireSite } from './context.ts';
import { toItems } from './normalize.ts';
import { arr, bool, obj, str } from './values.ts';

// What the Universal Plugin Manager lists for a product: one document, every plugin (Connect,
// Forge under its app key, and the bundled system plugins, flagged so the inventory can drop them).
// Undocumented in Cloud but what the admin UI uses (shared/atlassian/API.md §c.1).

export function upmCollector(product: 'jira' | 'confluence'): Collector {
  const dataset = product === 'jira' ? appsUpmJira : appsUpmConfluence;
  const endpointId = `upm.${product}.list`;
  return {
    dataset: dataset.name,
    scope: 'site',
    product,
    kind: 'snapshot',
    credential: 'site',
    endpoints: [endpointId],
    async *collect(ctx) {
      const site = requireSite(ctx, dataset.name);
      const body = obj(await ctx.api.call(endpointId, { site }));
      const plugins = arr(body.plugins).map((raw) => {
        const p = obj(raw);
        const vendor = obj(p.vendor);
        return {
          key: str(p.key),
          name: str(p.name) ?? str(p.key),
          version: str(p.version),
          enabled: bool(p.enabled) ?? false,
          userInstalled: bool(p.userInstalled) ?? false,
          optional: bool(p.optional) ?? true,
          remotable: bool(p.remotable) ?? false,
          usesLicensing: bool(p.usesLicensing),
          vendorName: str(vendor.name),
          vendorUrl: str(vendor.marketplaceLink) ?? str(vendor.link),
        };
      });
      yield { items: toItems(dataset, plugins), checkpoint: null };
    },
  };
}
