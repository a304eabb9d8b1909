import type { AtlassianApi, EndpointId, SiteRef } from '../atlassian/api.ts';
import { isEndpointId } from '../atlassian/catalogue/index.ts';
import type { Dataset } from '../inventory/datasets/index.ts';
import type { SiteAccess } from './credential-access.ts';

// A collector reads one dataset (for the org, or for one site) and yields it page by page as
// normalized items. The sync run persists each page with its checkpoint, so a crashed sync
// resumes at the page after the last one stored. A collector names its dataset
// (`defineCollector`): where the dataset lives, whether it accrues, the product a site needs and
// the endpoints it comes from are the dataset's (src/inventory/datasets), said once there.

export interface CollectedItem {
  /** Stable identity within the dataset and scope (an account id, a project id, `scheme:grant`). */
  key: string;
  /** The normalized record, validated by the dataset's schema (src/inventory/datasets). */
  data: unknown;
}

/** Why a dataset is knowingly incomplete: the run records it `partial` with the reason. */
export interface PartialNote {
  reason: string;
  /** What would make it complete (a permission, an option). */
  missing?: string;
}

export interface CollectorPage {
  items: CollectedItem[];
  /** Resume token for the page after this one (null: the dataset is complete). */
  checkpoint: string | null;
  /** Append-only datasets (audit logs): where the next sync starts, e.g. the newest event time. */
  cursor?: string;
  /**
   * Some items could not be read (API tokens of some users, projects whose scheme Jira would not
   * reveal): the dataset ends `partial`, so a check says "unknown because…" instead of passing.
   */
  partial?: PartialNote;
}

export interface CollectorContext {
  api: AtlassianApi;
  /** The site, for site-scoped datasets. */
  site: SiteRef | undefined;
  /** The organization id, for org-scoped datasets (absent when no org credentials were given). */
  orgId: string | undefined;
  /** The checkpoint of the last page stored for this dataset in this run, if it is resuming. */
  resumeFrom: string | null;
  /** Append-only datasets: the cursor the previous complete sync ended with. */
  since: string | null;
  now: Date;
  /**
   * The sync's abort signal. `api` already carries it on every call (an aborted sync cancels the
   * call in flight); a collector passes it to anything else it waits on.
   */
  signal?: AbortSignal;
  /**
   * Site datasets: what the credential may see on the site, when discovery established it
   * (undefined rights = unknown). Collectors skip what it is known to be refused, and say what it hides.
   */
  access?: SiteAccess;
  /**
   * Items of a dataset this one depends on, as collected in this run. Without `scope`: the same
   * scope, except that a site collector reading an org dataset gets the org's.
   */
  items(dataset: string, scope?: string): Promise<CollectedItem[]>;
}

/** Which credential a collector needs: the site's, the org API key, or none (anonymous probes, Marketplace). */
export type CollectorCredential = 'site' | 'org' | 'none';

/** What the stored records cannot show about the calls a sync made (see `CostInput`). */
export interface CostFacts {
  /** Custom fields of the site: `jira.fields` keeps only app-provided ones. Default: the records. */
  customFields?: number;
  /** Marketplace answers the cache served without a call. Default 0 (a first sync). */
  marketplaceCached?: number;
  /** The org API key could not read the org-wide API token list: tokens were read per account. */
  apiTokensPerAccount?: boolean;
}

/**
 * What a collector's cost is computed from: what one of its runs stored (how many items a list
 * holds is how many the API returned), per scope.
 */
export interface CostInput<T> {
  /** This dataset's records in the scope. */
  records: readonly T[];
  /** The records of a dataset it depends on: the same scope, or the org's for an org dataset. */
  recordsOf<U>(dataset: Dataset<U>): readonly U[];
  /** Calls to walk `items` items of a paginated endpoint at its maximum page size (at least one). */
  pages(endpointId: EndpointId, items: number): number;
  facts: CostFacts;
}

export interface Collector {
  /** Dataset name, e.g. `jira.permission-schemes`; also the inventory dataset it fills. */
  dataset: string;
  scope: 'org' | 'site';
  /** Site datasets: the product the site must have. */
  product?: 'jira' | 'confluence' | 'bitbucket';
  /** Data Center datasets: the site must hold one of these products (Cloud sites never do). */
  products?: readonly ('jira-data-center' | 'confluence-data-center')[];
  /** `snapshot`: the full set each time (vanished items are removed); `append`: only new items. */
  kind: 'snapshot' | 'append';
  credential: CollectorCredential;
  /** Datasets that must be collected first (read through `ctx.items`). */
  dependsOn?: string[];
  /** Catalogue endpoint ids it calls (so coverage and the call budget can be computed). */
  endpoints: readonly EndpointId[];
  collect(ctx: CollectorContext): AsyncIterable<CollectorPage>;
  /**
   * The fewest calls this collector can make for what it stored (one scope): ceil(items / the
   * endpoint's maximum page size) per list, one call per parent where Atlassian has no bulk read.
   * The benchmark and the tests compare a sync's calls with the sum (minimum-calls.ts).
   */
  cost(input: CostInput<unknown>): number;
}

/** What a collector file declares (see src/sync/collectors/README.md). */
export interface CollectorDefinition<T> {
  /** The dataset it fills: its name, scope, kind, product and endpoints are the collector's. */
  dataset: Dataset<T>;
  /** Default: the credential of the dataset's scope (`org` or `site`). */
  credential?: CollectorCredential;
  /** Datasets it reads through `ctx.items`, collected first. */
  dependsOn?: readonly Dataset[];
  /** The fewest calls it can make for the records it stored (see `Collector.cost`). */
  cost(input: CostInput<T>): number;
  collect(ctx: CollectorContext): AsyncIterable<CollectorPage>;
}

/** A collector for its dataset; throws at start when the dataset names an endpoint the catalogue lacks. */
export function defineCollector<T>(definition: CollectorDefinition<T>): Collector {
  const { dataset } = definition;
  const endpoints = dataset.endpoints.map((id) => {
    if (!isEndpointId(id)) {
      throw new Error(`${dataset.name} names endpoint "${id}", which is not in src/atlassian/catalogue`);
    }
    return id;
  });
  return {
    dataset: dataset.name,
    scope: dataset.scope,
    ...(dataset.product ? { product: dataset.product } : {}),
    ...(dataset.products ? { products: dataset.products } : {}),
    kind: dataset.kind,
    credential: definition.credential ?? dataset.scope,
    ...(definition.dependsOn ? { dependsOn: definition.dependsOn.map((d) => d.name) } : {}),
    endpoints,
    collect: (ctx) => definition.collect(ctx),
    // The store holds what the dataset's schema let through: records of its type.
    cost: (input) => definition.cost(input as CostInput<T>),
  };
}
