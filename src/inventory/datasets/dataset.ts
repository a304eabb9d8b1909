import type { z } from 'zod';

// A dataset is one kind of normalized record Palisade stores per sync and rules read: its name,
// where it lives (the org or one site), whether each sync replaces it or only adds to it, and the
// zod schema every record passes through before it is stored. Records are camelCase and hold only
// what checks and the app inventory need — never a credential (see secret-keys.ts).

export type DatasetScope = 'org' | 'site';
/** `snapshot`: each sync holds the full set (vanished records disappear); `append`: records only accrue. */
export type DatasetKind = 'snapshot' | 'append';

/**
 * An admin right of the site credential (src/sync/credential-access.ts establishes which it holds):
 * `jira-admin` = the Administer Jira global permission, `confluence-admin` = Confluence
 * Administrator, `product-admin` = administrator of each product of the site (app datasets, read
 * per product).
 */
export type AdminRight = 'jira-admin' | 'confluence-admin' | 'product-admin';

/** What a dataset's answer needs beyond plain product access, and what becomes of it without. */
export interface DatasetAccess {
  needs: AdminRight;
  /**
   * `forbidden`: Atlassian refuses the read without the right (the sync does not ask);
   * `partial`: Atlassian answers, but leaves out what the credential may not see.
   */
  without: 'forbidden' | 'partial';
  /** What Atlassian does without the right, in a few words (the dataset's partial note). */
  why: string;
}

export interface Dataset<T = unknown> {
  /** `<area>.<name>`, e.g. `jira.permission-schemes`; also the collector's dataset name. */
  name: string;
  scope: DatasetScope;
  kind: DatasetKind;
  /**
   * Site datasets: the product the site must have (none for app datasets, which cover Jira and
   * Confluence). `bitbucket`: the site is a Bitbucket Cloud workspace.
   */
  product?: 'jira' | 'confluence' | 'bitbucket';
  /**
   * Data Center datasets: the products a site must have one of (a DC site holds one product;
   * every DC dataset serves both, its records saying which). Cloud sites never match.
   */
  products?: readonly ('jira-data-center' | 'confluence-data-center')[];
  /** One sentence: what a record is. */
  holds: string;
  /** Catalogue endpoint ids the records come from (none for derived datasets). */
  endpoints: readonly string[];
  /** Check ids (docs/atlassian/CHECKS.md) or app-inventory uses that read it. */
  usedBy: readonly string[];
  /** The admin right its answer depends on; absent = any credential with product access reads it whole. */
  access?: DatasetAccess;
  schema: z.ZodType<T>;
  /** The record's stable identity within the dataset and scope. */
  key(record: T): string;
}

export function defineDataset<S extends z.ZodType>(
  definition: Omit<Dataset<z.infer<S>>, 'schema'> & { schema: S },
): Dataset<z.infer<S>> {
  return definition as Dataset<z.infer<S>>;
}

/** A site product a site dataset can be read on (the products of src/rules/areas.ts a site can have). */
export type DatasetSiteProduct = NonNullable<Dataset['product']> | NonNullable<Dataset['products']>[number];

/**
 * The site products a site dataset is read on, any one of them sufficing: a product dataset's
 * product; a Data Center dataset's products; an app dataset (no product) Jira or Confluence Cloud,
 * whose apps it lists (a Bitbucket workspace or a Data Center site has neither).
 */
export function datasetSiteProducts(d: {
  product?: Dataset['product'];
  products?: Dataset['products'];
}): readonly DatasetSiteProduct[] {
  if (d.products) return d.products;
  if (d.product) return [d.product];
  return ['jira', 'confluence'];
}

/**
 * Whether a site dataset can be read on a site with these products (one of `datasetSiteProducts`).
 * The sync's plan, the call budget and the rule engine share it.
 */
export function readsOnSite(
  d: { product?: Dataset['product']; products?: Dataset['products'] },
  siteProducts: readonly string[],
): boolean {
  return datasetSiteProducts(d).some((p) => siteProducts.includes(p));
}

/** The record type of a dataset. */
export type RecordOf<D> = D extends Dataset<infer T> ? T : never;

/** The dataset of a registry (index.ts) with this name; throws on an unknown name so a typo fails at start. */
export function datasetIn(registry: Readonly<Record<string, Dataset>>, name: string): Dataset {
  const found = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!found) throw new Error(`Unknown dataset "${name}" (not in src/inventory/datasets)`);
  return found;
}
