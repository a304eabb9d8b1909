import type { ReadOf } from '../../atlassian/api.ts';
import { appsUpmConfluence, appsUpmJira, type RecordOf } from '../../inventory/datasets/index.ts';
import { type Collector, defineCollector } from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { isNotFound, isUnusable, requireSite } from './context.ts';
import { CollectorError } from './errors.ts';
import { toItem, toItems } from './normalize.ts';
import { bool, isoTime, obj, str } from './values.ts';

// apps-upm-jira.ts and apps-upm-confluence.ts: what the Universal Plugin Manager lists for a
// product: one document, every plugin (Connect,
// Forge under its app key, and the bundled system plugins, flagged so the inventory can drop them).
// Undocumented in Cloud but what the admin UI uses (docs/atlassian/API.md §c.1).
//
// The list carries no licence, only `usesLicensing`: the licence (`licenseDetails`) is on the
// plugin's own page, `GET …/{key}-key`, read once per installed app that uses licensing
// (`readsLicense`). The walk: one page with the list's other plugins, then one page per licensed
// plugin (with its licence), checkpointed by the plugin's index. The checkpoint carries the
// licensed plugins' list records, so a resume continues without listing again.

type Plugin = RecordOf<typeof appsUpmJira>;
export type UpmLicense = NonNullable<Plugin['license']>;

/** Whether the collector reads a listed plugin's own page for its licence: an optional plugin that uses licensing. */
export function readsLicense(plugin: Pick<Plugin, 'optional' | 'usesLicensing'>): boolean {
  return plugin.optional && plugin.usesLicensing === true;
}

/** UPM's `licenseDetails` (LicenseDetailsRepresentation) as the dataset's licence; null when absent. */
export function upmLicense(details: unknown): UpmLicense | null {
  if (details === null || typeof details !== 'object' || Array.isArray(details)) return null;
  const l = obj(details);
  return {
    active: bool(l.active) ?? bool(l.valid),
    type: str(l.licenseType),
    evaluation: bool(l.evaluation),
    expiryDate: isoTime(l.expiryDate),
    maintenanceExpiryDate: isoTime(l.maintenanceExpiryDate),
  };
}

function summaryOf(p: ReadOf<'upm.jira.list' | 'upm.confluence.list'>['plugins'][number]): Plugin {
  const vendor = obj(p.vendor);
  return {
    key: p.key,
    name: str(p.name) ?? p.key,
    version: str(p.version),
    enabled: p.enabled,
    userInstalled: p.userInstalled,
    optional: bool(p.optional) ?? true,
    remotable: bool(p.remotable) ?? false,
    usesLicensing: bool(p.usesLicensing),
    vendorName: str(vendor.name),
    vendorUrl: str(vendor.marketplaceLink) ?? str(vendor.link),
  };
}

export function upmCollector(product: 'jira' | 'confluence'): Collector {
  const dataset = product === 'jira' ? appsUpmJira : appsUpmConfluence;
  const listId = `upm.${product}.list` as const;
  const getId = `upm.${product}.get` as const;
  return defineCollector({
    dataset,
    // The list, then one plugin page per licensed app: no bulk licence read exists.
    cost: ({ records }) => 1 + records.filter(readsLicense).length,
    async *collect(ctx) {
      const site = requireSite(ctx, dataset.name);
      const start = decodePosition(dataset.name, ctx.resumeFrom);
      let licensed: Plugin[];
      if (ctx.resumeFrom === null) {
        const { plugins: listed } = await ctx.api.call(listId, { site });
        const plugins = listed.map(summaryOf);
        licensed = plugins.filter(readsLicense);
        const others = plugins.filter((p) => !licensed.includes(p));
        if (licensed.length === 0) {
          yield { items: toItems(dataset, others), checkpoint: null };
          return;
        }
        yield {
          items: toItems(dataset, others),
          checkpoint: encodePosition({ parent: 0, next: null, state: { plugins: JSON.stringify(licensed) } }),
        };
      } else {
        licensed = pendingPlugins(dataset, start.state?.plugins);
        if (start.parent >= licensed.length) {
          yield { items: [], checkpoint: null };
          return;
        }
      }
      const state = { plugins: JSON.stringify(licensed) };
      for (let i = start.parent; i < licensed.length; i++) {
        const plugin = licensed[i] as Plugin;
        const checkpoint =
          i + 1 < licensed.length ? encodePosition({ parent: i + 1, next: null, state }) : null;
        let page: ReadOf<typeof getId>;
        try {
          page = await ctx.api.call(getId, { site, params: { pluginKey: plugin.key } });
        } catch (error) {
          if (isUnusable(error)) {
            // The plugin is listed; only its licence is unknown (the sync noted it: partial).
            yield { items: [toItem(dataset, { ...plugin, license: null })], checkpoint };
            continue;
          }
          // Uninstalled since the list was read: it is no longer there to store.
          if (!isNotFound(error)) throw error;
          yield { items: [], checkpoint };
          continue;
        }
        const license = upmLicense(page.licenseDetails);
        yield { items: [toItem(dataset, { ...plugin, license })], checkpoint };
      }
    },
  });
}

/** The licensed plugins a checkpoint carries, each checked against the dataset's schema. */
function pendingPlugins(dataset: typeof appsUpmJira, raw: string | undefined): Plugin[] {
  try {
    const list = JSON.parse(raw ?? '') as unknown;
    if (Array.isArray(list)) {
      const parsed = list.map((p) => dataset.schema.safeParse(p));
      if (parsed.every((p) => p.success)) return parsed.map((p) => p.data as Plugin);
    }
  } catch {
    // fall through
  }
  throw new CollectorError('bad_checkpoint', dataset.name, 'the checkpoint holds no plugin list');
}
