import type { SiteRef } from '../../atlassian/api.ts';
import { type EndpointId, endpoint } from '../../atlassian/catalogue/index.ts';
import { type Dataset, readsOnSite } from '../../inventory/datasets/index.ts';
import type { Collector, CostFacts, CostInput } from '../collector.ts';

// The fewest calls the collectors can make for a tenant: what the benchmark and the tests compare a
// sync's call count with. Each collector declares its own cost beside its code (`cost`, from what
// it stored); this adds them up over the scopes a sync runs them in (org collectors once, site
// collectors once per site with their product, as plan-tasks.ts expands them).

/** Reads one dataset's records in one scope ('org' or a site's cloud id). */
export type ReadRecords = (dataset: string, scope: string) => readonly unknown[];

/** What the records of a sync cannot show (see `CostFacts`). */
export interface TenantFacts {
  /** Whether org datasets were collected (an org API key was given). */
  org: boolean;
  sites: readonly SiteRef[];
  /** Custom fields per site cloud id; default: the app-provided ones the records hold (a lower bound). */
  customFields?: ReadonlyMap<string, number>;
  /** Apps the Marketplace cache answered (no call was needed); default 0, a first sync. */
  marketplaceCached?: number;
  /** The org API key could not read the org-wide API token list: tokens were read per account. */
  apiTokensPerAccount?: boolean;
}

export interface CallBudget {
  total: number;
  /** Per dataset, summed over sites. */
  byDataset: Record<string, number>;
  /** Per dataset and scope (`dataset@scope`, as the sync plan names its tasks). */
  byTask: Record<string, number>;
}

/** Calls to walk `items` items of a paginated endpoint at its maximum page size. */
export function pagesFor(endpointId: EndpointId, items: number): number {
  const e = endpoint(endpointId);
  const max = e.pageSize?.max ?? 1;
  // A plain array (`/users/search`) has no "last page" flag: a full last page costs one more call.
  if (e.pagination === 'start-at-array') return Math.floor(items / max) + 1;
  // An empty list still costs one call.
  return Math.max(1, Math.ceil(items / max));
}

export function minimumCalls(
  collectors: readonly Collector[],
  read: ReadRecords,
  facts: TenantFacts,
): CallBudget {
  const byDataset: Record<string, number> = {};
  const byTask: Record<string, number> = {};
  const costFacts = (scope: string): CostFacts => ({
    ...(facts.customFields?.has(scope) ? { customFields: facts.customFields.get(scope) } : {}),
    ...(facts.marketplaceCached !== undefined ? { marketplaceCached: facts.marketplaceCached } : {}),
    ...(facts.apiTokensPerAccount !== undefined ? { apiTokensPerAccount: facts.apiTokensPerAccount } : {}),
  });
  const add = (collector: Collector, scope: string) => {
    const input: CostInput<unknown> = {
      records: read(collector.dataset, scope),
      recordsOf: <U>(dataset: Dataset<U>) =>
        read(dataset.name, dataset.scope === 'org' ? 'org' : scope) as readonly U[],
      pages: pagesFor,
      facts: costFacts(scope),
    };
    const calls = collector.cost(input);
    byDataset[collector.dataset] = (byDataset[collector.dataset] ?? 0) + calls;
    byTask[`${collector.dataset}@${scope}`] = calls;
  };
  for (const c of collectors) {
    if (c.scope === 'org') {
      if (facts.org) add(c, 'org');
      continue;
    }
    for (const site of facts.sites) {
      if (readsOnSite(c, site.products)) add(c, site.cloudId);
    }
  }
  const total = Object.values(byDataset).reduce((a, b) => a + b, 0);
  return { total, byDataset, byTask };
}
