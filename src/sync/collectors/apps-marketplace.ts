import {
  appsForge,
  appsMarketplace,
  appsUpmConfluence,
  appsUpmJira,
  orgWorkspaces,
  type RecordOf,
} from '../../inventory/datasets/index.ts';
import { type Collector, type CollectorContext, defineCollector } from '../collector.ts';
import { isInstalledApp } from './app-plugins.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { isNotFound, recordsOf } from './context.ts';
import { mapLimit } from './map-limit.ts';
import { toItem } from './normalize.ts';
import type { CollectorExport } from './settings.ts';
import { arr, bool, num, obj, str, trailingNumber } from './values.ts';

// What the Marketplace says about every app installed on any site of the org, read anonymously
// (public data, no credential) and cached per (app key, installed version): listings change with
// versions, so a resync asks only about versions it has not seen. Per app, on a cache miss: the
// listing with its latest version embedded (`withVersion`: trust programmes, distribution, reviews,
// declared scopes), the privacy-and-security answers (404 when the vendor never published them),
// and the vendor (legacy Cloud Security Participant flag) once per vendor per run. A 404 on the
// listing is an answer too — `listed: false`, the app_unlisted_or_dev_mode signal — and is cached.
// The app keys come from every site's UPM datasets (the gateway's installations tell Atlassian's own
// Forge apps from bundled plugins); the sites from org.workspaces (ctx.items scope = a site's cloud id).

export type MarketplaceAnswer = RecordOf<typeof appsMarketplace>;

/** The store's Marketplace cache, keyed by app key and installed version. */
export interface MarketplaceCache {
  get(appKey: string, version: string): Promise<unknown>;
  put(appKey: string, version: string, answer: MarketplaceAnswer): Promise<void>;
}

export interface AppsMarketplaceDeps {
  marketplaceCache: MarketplaceCache;
  /** Apps per stored page (and per checkpoint). */
  batchSize?: number;
  concurrency?: number;
}

interface InstalledApp {
  appKey: string;
  version: string;
}

async function installedApps(ctx: CollectorContext): Promise<InstalledApp[]> {
  const workspaces = await recordsOf(ctx, orgWorkspaces);
  const sites = [...new Set(workspaces.map((w) => w.cloudId).filter((c): c is string => c !== null))];
  const found = new Map<string, InstalledApp>();
  for (const cloudId of sites) {
    const forge = await recordsOf(ctx, appsForge, cloudId);
    for (const [product, dataset] of [
      ['jira', appsUpmJira],
      ['confluence', appsUpmConfluence],
    ] as const) {
      const gateway = forge.filter((f) => f.product === product);
      for (const plugin of await recordsOf(ctx, dataset, cloudId)) {
        if (!isInstalledApp(plugin, gateway)) continue;
        const app = { appKey: plugin.key, version: plugin.version ?? '' };
        found.set(`${app.appKey}\u0000${app.version}`, app);
      }
    }
  }
  return [...found.values()].sort(
    (a, b) => a.appKey.localeCompare(b.appKey) || a.version.localeCompare(b.version),
  );
}

async function optional(read: () => Promise<unknown>): Promise<Record<string, unknown> | null> {
  try {
    return obj(await read());
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

function privacyOf(p: Record<string, unknown> | null): MarketplaceAnswer['privacy'] {
  if (!p) return null;
  const storage = obj(p.dataAccessAndStorage);
  const third = obj(p.thirdPartyInformation);
  return {
    storesDataOutsideAtlassian: bool(storage.appStoresEUDOutsideAtlassian),
    sharesDataWithThirdParties: bool(third.isEndUserDataShared),
    dataResidency: str(obj(p.dataResidency).isDataResidencySupported),
    diskEncryption: bool(obj(p.security).isDiskEncryptionSupported),
    subProcessors: str(third.dataSubProcessors),
  };
}

export function marketplaceAnswer(
  app: InstalledApp,
  addon: Record<string, unknown> | null,
  privacy: Record<string, unknown> | null,
  vendor: Record<string, unknown> | null,
  readAt: string,
): MarketplaceAnswer {
  const empty = {
    appKey: app.appKey,
    version: app.version || null,
    name: null,
    vendorId: null,
    vendorName: null,
    isAtlassian: null,
    topVendor: null,
    cloudSecurityApproved: null,
    cloudFortified: null,
    bugBounty: null,
    storesPersonalData: null,
    totalInstalls: null,
    totalUsers: null,
    averageStars: null,
    reviewCount: null,
    latestVersion: null,
    lastReleaseDate: null,
    paymentModel: null,
    connect: null,
    declaredScopes: [],
    forgeAppId: null,
    privacy: null,
    readAt,
  };
  if (!addon) return { ...empty, listed: false };
  const embedded = obj(addon._embedded);
  const embeddedVendor = obj(embedded.vendor);
  const programs = obj(addon.programs);
  const distribution = obj(embedded.distribution);
  const reviews = obj(embedded.reviews);
  const version = obj(embedded.version);
  const deployment = obj(version.deployment);
  const cloud = obj(version.cloud);
  const connectScopes = arr(deployment.permissions).map((p) => str(obj(p).key));
  const forgeScopes = arr(cloud.appScopes).map((s) => str(obj(s).key));
  return {
    ...empty,
    listed: true,
    name: str(addon.name),
    vendorId: str(trailingNumber(str(obj(obj(embeddedVendor._links).self).href))),
    vendorName: str(embeddedVendor.name) ?? str(vendor?.name),
    isAtlassian: bool(vendor?.isAtlassian) ?? bool(embeddedVendor.isAtlassian),
    topVendor:
      str(obj(obj(vendor?.programs).topVendor).status) ??
      str(obj(obj(embeddedVendor.programs).topVendor).status),
    cloudSecurityApproved: vendor ? bool(obj(vendor.cloudSecurity).approved) : null,
    cloudFortified: str(obj(programs.cloudFortified).status),
    bugBounty: str(obj(obj(programs.bugBountyParticipant).cloud).status),
    storesPersonalData: bool(addon.storesPersonalData),
    totalInstalls: num(distribution.totalInstalls),
    totalUsers: num(distribution.totalUsers),
    averageStars: num(reviews.averageStars),
    reviewCount: num(reviews.count),
    latestVersion: str(version.name),
    lastReleaseDate: str(obj(version.release).date),
    paymentModel: str(version.paymentModel),
    connect: bool(deployment.connect),
    declaredScopes: [...connectScopes, ...forgeScopes].filter((s): s is string => s !== null),
    forgeAppId: str(cloud.appId),
    privacy: privacyOf(privacy),
  };
}

export function appsMarketplaceCollector(deps: AppsMarketplaceDeps): Collector {
  const batchSize = deps.batchSize ?? 20;
  const concurrency = deps.concurrency ?? 4;
  return defineCollector({
    dataset: appsMarketplace,
    credential: 'none',
    dependsOn: [orgWorkspaces, appsUpmJira, appsUpmConfluence, appsForge],
    // Per app the cache did not answer: its listing, its privacy answers if listed, and each
    // vendor once. A resync's cache answers the listed apps, so only misses cost (the first count).
    cost: ({ records, facts }) => {
      const cached = facts.marketplaceCached ?? 0;
      const listed = records.filter((a) => a.listed);
      const vendors = new Set(listed.map((a) => a.vendorId).filter((v) => v !== null));
      return Math.max(0, records.length - cached) + (cached > 0 ? 0 : listed.length + vendors.size);
    },
    async *collect(ctx) {
      const apps = await installedApps(ctx);
      // Vendors are shared by many apps: one read per vendor per run.
      const vendors = new Map<string, Promise<Record<string, unknown> | null>>();
      const vendor = (id: string) => {
        let v = vendors.get(id);
        if (!v) {
          v = optional(() =>
            ctx.api.call('marketplace.vendor.get', { anonymous: true, params: { vendorId: id } }),
          );
          vendors.set(id, v);
        }
        return v;
      };
      const answer = async (app: InstalledApp): Promise<MarketplaceAnswer> => {
        const cached = appsMarketplace.schema.safeParse(
          await deps.marketplaceCache.get(app.appKey, app.version),
        );
        if (cached.success) return cached.data;
        const params = { addonKey: app.appKey };
        const addon = await optional(() =>
          ctx.api.call('marketplace.addon.get', {
            anonymous: true,
            params,
            query: { withVersion: true, hosting: 'cloud' },
          }),
        );
        const privacy = addon
          ? await optional(() => ctx.api.call('marketplace.addonPrivacy.get', { anonymous: true, params }))
          : null;
        const vendorId = addon
          ? trailingNumber(str(obj(obj(obj(obj(addon._embedded).vendor)._links).self).href))
          : null;
        const vendorBody = vendorId === null ? null : await vendor(String(vendorId));
        const result = marketplaceAnswer(app, addon, privacy, vendorBody, ctx.now.toISOString());
        await deps.marketplaceCache.put(app.appKey, app.version, result);
        return result;
      };

      let index = decodePosition(appsMarketplace.name, ctx.resumeFrom).parent;
      if (index >= apps.length) {
        yield { items: [], checkpoint: null };
        return;
      }
      while (index < apps.length) {
        const batch = apps.slice(index, index + batchSize);
        const answers = await mapLimit(batch, concurrency, answer);
        index += batch.length;
        yield {
          items: answers.map((a) => toItem(appsMarketplace, a)),
          checkpoint: index < apps.length ? encodePosition({ parent: index, next: null }) : null,
        };
      }
    },
  });
}

export const collector: CollectorExport = (settings) =>
  appsMarketplaceCollector({ marketplaceCache: settings.marketplaceCache });
