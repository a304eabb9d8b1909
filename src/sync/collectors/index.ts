import type { Collector } from '../collector.ts';
import { collectorExports } from './registry.ts';
import type { CollectorSettings } from './settings.ts';

export type { MarketplaceAnswer, MarketplaceCache } from './apps-marketplace.ts';
export { type CallBudget, minimumCalls, type ReadRecords, type TenantFacts } from './minimum-calls.ts';
export type { ApiTokenCoverage } from './org-api-tokens.ts';
export type { CollectorExport, CollectorSettings } from './settings.ts';

/**
 * Every collector, one per dataset of src/inventory/datasets (registry.ts, generated), made for
 * these settings. The sync plan orders them by dependsOn.
 */
export function defaultCollectors(settings: CollectorSettings): Collector[] {
  return collectorExports.map((c) => (typeof c === 'function' ? c(settings) : c));
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
