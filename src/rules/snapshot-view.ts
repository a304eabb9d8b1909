import type { SiteProduct } from './areas.ts';
import type { GuardTier, ProductPlan } from './plans.ts';

// The engine's input: what one stored snapshot holds, as rules need it. It is plain data so a
// scan can be re-evaluated offline and tests can write one by hand (testing/test-snapshot.ts).
// It is built from the inventory: each dataset's items (src/inventory `readDataset`) and the sync
// run's per-dataset outcome (the `dataset_outcomes` table), plus the site facts and the time.

/** How the sync run fared reading one dataset in one scope. A dataset absent from the view was not collected. */
export type DatasetOutcome = (
  | { status: 'ok' }
  /** Some items could not be read: a fail found in it stands, a pass does not. */
  | { status: 'partial'; reason: string | null }
  /** The credential lacks a scope or permission (named when Atlassian says which). */
  | { status: 'forbidden'; missingScope: string | null; reason: string | null }
  | { status: 'failed'; reason: string | null }
  | { status: 'not_collected'; reason: string | null }
) & {
  /** What was read but differed from the documentation (a new enum value): shown, never a gap. */
  warnings?: readonly string[];
};

export interface DatasetView {
  name: string;
  /** `org`, or the cloud id of the site it was read from. */
  scope: string;
  outcome: DatasetOutcome;
  /** The normalized records (src/inventory/datasets schemas); empty unless `ok` or `partial`. */
  items: readonly unknown[];
}

export interface OrgFacts {
  id: string;
  name: string;
  /** The org's Atlassian Guard tier; null when Palisade could not tell. */
  guard: GuardTier | null;
  /** An org API key is connected (the admin API datasets need it). */
  hasCredential: boolean;
}

export interface SiteFacts {
  cloudId: string;
  /** The site's sub-domain, e.g. `acme` for acme.atlassian.net. */
  name: string;
  url: string;
  /** The products the site has and their plan (null: the product is there, its plan unknown). */
  products: Partial<Record<SiteProduct, ProductPlan | null>>;
  /** A site admin credential (e-mail + API token, or OAuth) is connected. */
  hasCredential: boolean;
  /** The org's workspace data marks the site a sandbox (absent: not known to be one). */
  sandbox?: boolean;
}

export interface SnapshotView {
  /** The inventory snapshot version: findings record it as first and last seen. */
  version: number;
  /** The evaluation time: rules take "now" from here, never from the clock. */
  now: Date;
  org: OrgFacts;
  sites: readonly SiteFacts[];
  datasets: readonly DatasetView[];
}

export function findDataset(snapshot: SnapshotView, name: string, scope: string): DatasetView | undefined {
  return snapshot.datasets.find((d) => d.name === name && d.scope === scope);
}
