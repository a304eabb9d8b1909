import type { AtlassianApi, SiteRef } from '../atlassian/api.ts';
import type { SiteAccess } from './credential-access.ts';

// A collector reads one dataset (for the org, or for one site) and yields it page by page as
// normalized items. The sync run persists each page with its checkpoint, so a crashed sync
// resumes at the page after the last one stored.

export interface CollectedItem {
  /** Stable identity within the dataset and scope (an account id, a project id, `scheme:grant`). */
  key: string;
  /** The normalized record, validated by the dataset's schema (src/inventory/datasets). */
  data: unknown;
}

export interface CollectorPage {
  items: CollectedItem[];
  /** Resume token for the page after this one (null: the dataset is complete). */
  checkpoint: string | null;
  /** Append-only datasets (audit logs): where the next sync starts, e.g. the newest event time. */
  cursor?: string;
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
   * Site datasets: what the credential may see on the site, when discovery established it
   * (undefined rights = unknown). Collectors skip what it is known to be refused, and say what it hides.
   */
  access?: SiteAccess;
  /** Items of a dataset this one depends on, as collected in this run (same scope unless `scope` given). */
  items(dataset: string, scope?: string): Promise<CollectedItem[]>;
}

export interface Collector {
  /** Dataset name, e.g. `jira.permission-schemes`; also the inventory dataset it fills. */
  dataset: string;
  scope: 'org' | 'site';
  /** Site datasets: the product the site must have. */
  product?: 'jira' | 'confluence';
  /** `snapshot`: the full set each time (vanished items are removed); `append`: only new items. */
  kind: 'snapshot' | 'append';
  /** Which credential it needs: the site's, the org API key, or none (anonymous probes, Marketplace). */
  credential: 'site' | 'org' | 'none';
  /** Datasets that must be collected first (read through `ctx.items`). */
  dependsOn?: string[];
  /** Catalogue endpoint ids it calls (so coverage and the call budget can be computed). */
  endpoints: string[];
  collect(ctx: CollectorContext): AsyncIterable<CollectorPage>;
}
