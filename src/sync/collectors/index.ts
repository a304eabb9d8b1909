import type { Collector } from '../collector.ts';
import { collectorExports } from './registry.ts';
import type { CollectorSettings } from './settings.ts';

export type { MarketplaceAnswer, MarketplaceCache } from './apps-marketplace.ts';
export { type CallBudget, minimumCalls, type ReadRecords, type TenantFacts } from './minimum-calls.ts';
export type { ApiTokenCoverage } from './org-api-tokens.ts';
export type { CollectorExport, CollectorSettings } from './settings.ts';

/**
 * Every collector, one per dataset of src/inventory/datasets (registry.ts, generated), made for
 * these settings, in the order the sync should start them (see `startOrder`).
 */
export function defaultCollectors(settings: CollectorSettings): Collector[] {
  return startOrder(collectorExports.map((c) => (typeof c === 'function' ? c(settings) : c)));
}

// Data Center datasets (`dc.`) run on DC sites only, Bitbucket's on workspaces only; they start
// before the apps as Cloud's products do.
const AREAS = ['org', 'jira', 'confluence', 'dc', 'bitbucket', 'apps'];

/**
 * The sync starts datasets in the order it is given them (dependencies first), first come, first
 * served: org datasets first (the admin API is another host than the sites'), then Jira,
 * Confluence, Bitbucket and apps; within each, the heads of the longest chains of dependants first
 * (permission schemes → projects → project roles, the longest read of a large site), then by name.
 */
export function startOrder(collectors: readonly Collector[]): Collector[] {
  const height = new Map<string, number>();
  const heightOf = (dataset: string, path: readonly string[]): number => {
    const known = height.get(dataset);
    if (known !== undefined) return known;
    // A cycle is the sync plan's to refuse, naming it; here it only ends the climb.
    if (path.includes(dataset)) return 0;
    const dependants = collectors.filter((c) => c.dependsOn?.includes(dataset));
    const h = Math.max(0, ...dependants.map((c) => 1 + heightOf(c.dataset, [...path, dataset])));
    height.set(dataset, h);
    return h;
  };
  const area = (c: Collector) => {
    const i = AREAS.indexOf(c.dataset.split('.')[0] ?? '');
    return i < 0 ? AREAS.length : i;
  };
  return [...collectors].sort(
    (a, b) =>
      area(a) - area(b) ||
      heightOf(b.dataset, []) - heightOf(a.dataset, []) ||
      (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : 0),
  );
}

/** No cache: collectors made to be described (call budget, baseline), never run, ask it nothing. */
const UNUSED_CACHE: CollectorSettings['marketplaceCache'] = {
  get: async () => undefined,
  put: async () => undefined,
};

/** The collectors these settings make, to describe them (their cost, what they read), not to run them. */
export function describedCollectors(settings: Omit<CollectorSettings, 'marketplaceCache'> = {}): Collector[] {
  return defaultCollectors({ ...settings, marketplaceCache: UNUSED_CACHE });
}
