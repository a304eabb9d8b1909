import type { ReadOf } from '../../atlassian/api.ts';
import { DATA_CENTER_SECURITY_PLUGINS, dcPlugins, type RecordOf } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { isNotFound, requireSite } from './context.ts';
import { dataCenterProductOf, optionalRead } from './dc-sources.ts';
import { toItems } from './normalize.ts';
import { bool, isoTime, obj, str } from './values.ts';

// Every plugin UPM lists on a Data Center site (https://developer.atlassian.com/platform/marketplace/upm-rest-api/):
// the list, then each user-installed app that uses licensing on its own page (the licence is
// only there), then UPM's update check for the newest version compatible with this product
// version (`available/updates`; an instance that cannot reach the Marketplace lists none, so
// `latestVersion` stays null = unknown rather than "current").

type Plugin = RecordOf<typeof dcPlugins>;
type Summary = ReadOf<'dc.upm.plugins.list'>['plugins'][number];

/** Numeric comparison of dotted versions (`4.0.3` > `2.1.0`); non-numeric parts compare as text. */
export function newerVersion(candidate: string, installed: string): boolean {
  const a = candidate.split(/[.-]/);
  const b = installed.split(/[.-]/);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '0';
    const y = b[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isFinite(nx) && Number.isFinite(ny)) {
      if (nx !== ny) return nx > ny;
    } else if (x !== y) return x > y;
  }
  return false;
}

function license(details: unknown): Plugin['license'] {
  if (details === null || typeof details !== 'object') return null;
  const l = obj(details);
  return {
    valid: bool(l.valid),
    type: str(l.licenseType),
    evaluation: bool(l.evaluation),
    expiryDate: isoTime(l.expiryDate),
    maintenanceExpiryDate: isoTime(l.maintenanceExpiryDate),
    status: str(l.error) ?? (bool(l.valid) === true ? 'ACTIVE' : null),
  };
}

export const collector = defineCollector({
  dataset: dcPlugins,
  // The list, the update check, one page per licensed user-installed app.
  cost: ({ records }) => 2 + records.filter((r) => r.userInstalled && r.usesLicensing).length,
  async *collect(ctx) {
    const site = requireSite(ctx, dcPlugins.name);
    const product = dataCenterProductOf(site, dcPlugins.name);
    const { plugins } = await ctx.api.call('dc.upm.plugins.list', { site });
    const updates = await optionalRead(() => ctx.api.call('dc.upm.updates.list', { site }));
    const latest = new Map((updates?.plugins ?? []).map((u) => [u.key, u.version]));
    const records: Plugin[] = [];
    for (const p of plugins as Summary[]) {
      const vendor = obj(p.vendor);
      const usesLicensing = bool(p.usesLicensing) ?? false;
      let licence: Plugin['license'] = null;
      if (p.userInstalled && usesLicensing) {
        try {
          const page = await ctx.api.call('dc.upm.plugin.get', { site, params: { pluginKey: p.key } });
          licence = license(page.licenseDetails);
        } catch (error) {
          // Uninstalled between the list and its page: it is gone, leave it out.
          if (isNotFound(error)) continue;
          throw error;
        }
      }
      const version = str(p.version);
      const newest = latest.get(p.key) ?? null;
      records.push({
        product,
        key: p.key,
        name: str(p.name) ?? p.key,
        version,
        vendorName: str(vendor.name),
        vendorUrl: str(vendor.marketplaceLink) ?? str(vendor.link),
        enabled: p.enabled,
        userInstalled: p.userInstalled,
        system: !p.userInstalled,
        optional: bool(p.optional) ?? true,
        usesLicensing,
        license: licence,
        // UPM lists an update only where one exists: a plugin it checked and did not list is current.
        latestVersion: newest ?? (updates ? version : null),
        updateAvailable:
          newest !== null && version !== null ? newerVersion(newest, version) : updates ? false : null,
        securityRole: p.userInstalled ? null : (DATA_CENTER_SECURITY_PLUGINS[p.key] ?? null),
      });
    }
    yield { items: toItems(dcPlugins, records), checkpoint: null };
  },
});
