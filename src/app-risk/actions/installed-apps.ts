import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { getConnection } from '../../inventory/connections.ts';
import { snapshotOutcomes } from '../../inventory/dataset-outcomes.ts';
import {
  appsForge,
  appsInstallations,
  appsUpmConfluence,
  appsUpmJira,
  type DataCenterProduct,
  dcPlugins,
  type RecordOf,
} from '../../inventory/datasets/index.ts';
import { readDataset } from '../../inventory/read-dataset.ts';
import { getSnapshot, latestSnapshot } from '../../inventory/snapshots.ts';

// Where an app is installed, as a complete snapshot shows it: the app inventory
// (apps.installations) merged with what UPM listed (apps.upm-*), so a plugin the inventory leaves
// out (a bundled one) can still be addressed, and a site whose app datasets failed in that
// snapshot is marked stale (its rows are the previous snapshot's, not a fresh sighting). A Data
// Center instance's plugins are what UPM listed there (dc.plugins), each under its DC product.

export type Product = 'jira' | 'confluence' | DataCenterProduct;

export interface ActionSite {
  cloudId: string;
  url: string;
}

export interface InstalledApp {
  site: ActionSite;
  product: Product;
  /** The inventory's key: the UPM plugin key, or `forge:<appId>` for a Forge app UPM does not list. */
  appKey: string;
  appName: string | null;
  appId: string | null;
  framework: 'connect' | 'forge' | 'plugin';
  /** UPM lists it under `appKey`, so the UPM endpoints can address it. */
  inUpm: boolean;
  enabled: boolean | null;
  /** The dataset this sighting rests on failed in the snapshot: the row is an older one's. */
  stale: boolean;
}

export interface SnapshotApps {
  version: number;
  /** When the sync that built the snapshot began: every sighting is at least this recent. */
  createdAt: string;
  apps: InstalledApp[];
}

type Installation = RecordOf<typeof appsInstallations>;
type UpmPlugin = RecordOf<typeof appsUpmJira>;
type DcPlugin = RecordOf<typeof dcPlugins>;

const FRESH = new Set(['ok', 'partial']);

/** The installed apps of a complete snapshot (the latest by default); undefined without one. */
export async function readInstalledApps(
  db: Kysely<Database>,
  connectionId: string,
  version?: number,
): Promise<SnapshotApps | undefined> {
  const snapshot =
    version === undefined
      ? await latestSnapshot(db, connectionId)
      : await getSnapshot(db, connectionId, version);
  if (snapshot?.status !== 'complete') return undefined;
  const connection = await getConnection(db, connectionId);
  const sites = new Map(
    (connection?.sites ?? []).map((s) => [s.cloudId, { cloudId: s.cloudId, url: s.url }]),
  );
  const v = snapshot.version;
  const [installations, upmJira, upmConfluence, dataCenter, outcomes] = await Promise.all([
    readDataset<Installation>(db, connectionId, appsInstallations.name, { version: v }),
    readDataset<UpmPlugin>(db, connectionId, appsUpmJira.name, { version: v }),
    readDataset<UpmPlugin>(db, connectionId, appsUpmConfluence.name, { version: v }),
    readDataset<DcPlugin>(db, connectionId, dcPlugins.name, { version: v }),
    snapshotOutcomes(db, connectionId, v),
  ]);
  // A snapshot written without a sync run (tests, imports) has no outcomes: nothing is known stale.
  const failed = new Set(outcomes.filter((o) => !FRESH.has(o.status)).map((o) => `${o.dataset}|${o.scope}`));
  const isStale = (dataset: string, cloudId: string) => failed.has(`${dataset}|${cloudId}`);

  const apps = new Map<string, InstalledApp>();
  const id = (cloudId: string, product: Product, key: string) => `${cloudId}|${product}|${key}`;
  const upmKeys = new Set<string>();
  for (const [product, items] of [
    ['jira', upmJira],
    ['confluence', upmConfluence],
  ] as const) {
    for (const item of items) {
      const site = sites.get(item.scope);
      if (!site) continue;
      upmKeys.add(id(item.scope, product, item.data.key));
      apps.set(id(item.scope, product, item.data.key), {
        site,
        product,
        appKey: item.data.key,
        appName: item.data.name,
        appId: null,
        framework: item.data.remotable ? 'connect' : 'plugin',
        inUpm: true,
        enabled: item.data.enabled,
        stale: isStale(`apps.upm-${product}`, item.scope),
      });
    }
  }
  for (const item of dataCenter) {
    const site = sites.get(item.scope);
    if (!site) continue;
    const r = item.data;
    apps.set(id(item.scope, r.product, r.key), {
      site,
      product: r.product,
      appKey: r.key,
      appName: r.name,
      appId: null,
      framework: 'plugin',
      inUpm: true,
      enabled: r.enabled,
      stale: isStale(dcPlugins.name, item.scope),
    });
  }
  for (const item of installations) {
    const site = sites.get(item.scope);
    if (!site) continue;
    const r = item.data;
    const key = id(item.scope, r.product, r.appKey);
    // Only `forge:<appId>` records come from the gateway alone; every other key is a UPM key.
    const inUpm = upmKeys.has(key) || !r.appKey.startsWith('forge:');
    // The inventory knows Forge apps (from the gateway) that UPM lists as plain plugins.
    apps.set(key, {
      site,
      product: r.product,
      appKey: r.appKey,
      appName: r.name,
      appId: r.appId,
      framework: r.framework,
      inUpm,
      enabled: r.enabled,
      stale: inUpm ? isStale(`apps.upm-${r.product}`, item.scope) : isStale(appsForge.name, item.scope),
    });
  }
  return { version: v, createdAt: snapshot.createdAt, apps: [...apps.values()] };
}

/** Whether an installed app is the one a request or a ban names (UPM key, Forge app id or `forge:<id>`). */
export function isApp(app: InstalledApp, key: string): boolean {
  if (app.appKey === key) return true;
  return app.appId !== null && (app.appId === key || `forge:${app.appId}` === key);
}
