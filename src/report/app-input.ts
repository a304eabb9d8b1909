import type { DatasetRecord } from '../rules/dataset-catalogue.ts';
import type { DatasetView } from '../rules/snapshot-view.ts';

// What the report needs to know about an installed app and its risk. src/app-risk scores apps;
// until its types settle, this is the narrow shape the report reads, and `appsFromSnapshot` builds
// it from the inventory (the `apps.installations` dataset of each site) with the risk supplied by
// whoever scored the apps. Nothing else of an input object is ever copied (see model.ts).

export interface AppRiskFactorInput {
  id: string;
  contribution: number;
  /** A scope, a domain, a signal; objects are written as JSON. */
  evidence?: unknown;
}

export interface AppRiskInput {
  score: number | null;
  /** `critical` | `high` | `medium` | `low` | `unknown` (any case). */
  band: string;
  factors: readonly AppRiskFactorInput[];
}

export interface AppInput {
  key: string;
  name: string;
  vendor: string | null;
  framework: string;
  /** Cloud ids (or URLs) of the sites the app is installed on. */
  sites: readonly string[];
  scopes: readonly string[];
  installedBy: string | null;
  installedAt: string | null;
  /** Null when the app was not scored. */
  risk: AppRiskInput | null;
}

type Installation = DatasetRecord<'apps.installations'>;
type MarketplaceAnswer = DatasetRecord<'apps.marketplace'>;

/** One app as installed across the organization's sites and products. */
export interface InstalledApp {
  key: string;
  /** Its installation records, one per site and product. */
  installations: readonly (Installation & { site: string })[];
  marketplace: MarketplaceAnswer | undefined;
}

/**
 * The apps of a snapshot, one per app key across sites and products, with the risk `riskOf` gives
 * (none by default). Installation records are merged: scopes are the union, installedAt and
 * installedBy the earliest installation's.
 */
export function appsFromSnapshot(
  snapshot: { datasets: readonly Pick<DatasetView, 'name' | 'scope' | 'items'>[] },
  riskOf: (app: InstalledApp) => AppRiskInput | null = () => null,
): AppInput[] {
  const byKey = new Map<string, (Installation & { site: string })[]>();
  for (const view of snapshot.datasets) {
    if (view.name !== 'apps.installations') continue;
    for (const item of view.items as readonly Installation[]) {
      const list = byKey.get(item.appKey) ?? [];
      list.push({ ...item, site: view.scope });
      byKey.set(item.appKey, list);
    }
  }
  const marketplace = new Map<string, MarketplaceAnswer>();
  for (const view of snapshot.datasets) {
    if (view.name !== 'apps.marketplace') continue;
    for (const answer of view.items as readonly MarketplaceAnswer[]) marketplace.set(answer.appKey, answer);
  }

  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, installations]) => {
      const first = [...installations].sort((a, b) =>
        (a.installedAt ?? '\uffff').localeCompare(b.installedAt ?? '\uffff'),
      )[0]!;
      const answer = marketplace.get(key);
      const app: InstalledApp = { key, installations, marketplace: answer };
      return {
        key,
        name: first.name,
        vendor: installations.find((i) => i.vendorName)?.vendorName ?? answer?.vendorName ?? null,
        framework: first.framework,
        sites: [...new Set(installations.map((i) => i.site))],
        scopes: [...new Set(installations.flatMap((i) => i.scopes))].sort(),
        installedBy: first.installedByName ?? first.installedBy,
        installedAt: first.installedAt,
        risk: riskOf(app),
      };
    });
}
