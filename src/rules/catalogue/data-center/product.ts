import type { DataCenterProduct } from '../../../inventory/datasets/index.ts';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { type RuleOutcome, type RuleResource, unknown } from '../../outcome.ts';
import type { SiteFacts } from '../../snapshot-view.ts';

// The two Data Center products as the shared checks of this folder speak of them. A check that
// applies to both is written once here (a `…Rule(product, id)` factory) and defined twice, once
// in each product's area (catalogue/jira-data-center, catalogue/confluence-data-center), because an
// area belongs to one product and the engine applies a site rule only to sites having it.

export interface DcProduct {
  /** The site product and the rule area (same name). */
  product: DataCenterProduct;
  area: DataCenterProduct;
  /** How people name it: `Jira`, `Confluence`. */
  name: string;
  /** Where its administration starts, for remediation steps. */
  adminMenu: string;
}

export const JIRA_DC: DcProduct = {
  product: 'jira-data-center',
  area: 'jira-data-center',
  name: 'Jira',
  adminMenu: 'In Jira, open Administration (cog) →',
};

export const CONFLUENCE_DC: DcProduct = {
  product: 'confluence-data-center',
  area: 'confluence-data-center',
  name: 'Confluence',
  adminMenu: 'In Confluence, open Administration (cog) → General configuration →',
};

/** The site being evaluated, named by its base URL (a Data Center site has no cloud sub-domain). */
export function siteResource(site: SiteFacts | undefined): RuleResource {
  return { type: 'site', id: site?.cloudId ?? 'site', name: site?.url ?? site?.name ?? 'site' };
}

/**
 * What every check of the product's site settings declares alike: the product's area, one result on
 * the site, any plan, read with a system administrator's token.
 */
export function siteCheck(p: DcProduct) {
  return {
    area: p.area,
    scope: 'site',
    resourceType: 'site',
    plan: 'any',
    credential: 'site-admin',
  } as const;
}

/** A dataset's records that belong to this product (a DC site holds one product; others are ignored). */
export function ofProduct<T extends { product: string }>(items: readonly T[], p: DcProduct): T[] {
  return items.filter((r) => r.product === p.product);
}

/**
 * The one record a per-site settings dataset holds for this product, or an `unknown` outcome
 * saying it is absent: an empty answer is never a pass.
 */
export function singleRecord<T extends { product: string }>(
  items: readonly T[],
  p: DcProduct,
  site: SiteFacts | undefined,
  dataset: string,
): { record: T; outcome?: undefined } | { record?: undefined; outcome: RuleOutcome } {
  const record = items.find((r) => r.product === p.product);
  if (record !== undefined) return { record };
  return {
    outcome: unknown(
      siteResource(site),
      `The scan stored no ${dataset} record for ${p.name} on this site, so the setting cannot be judged.`,
    ),
  };
}

/** The per-site settings datasets: one record for the product on each site. */
type SiteRecordDataset =
  | 'dc.security-settings'
  | 'dc.audit-settings'
  | 'dc.server-info'
  | 'dc.password-policy'
  | 'dc.access-token-policy';

/**
 * The one outcome `judge` gives the product's record of a per-site settings dataset, on the site; or
 * `unknown` when the scan stored no such record (see `singleRecord`).
 */
export function judgeSiteRecord<N extends SiteRecordDataset>(
  ctx: { items(name: NoInfer<N>): readonly DatasetRecord<N>[]; site: SiteFacts | undefined },
  dataset: N,
  p: DcProduct,
  judge: (record: DatasetRecord<N>, resource: RuleResource) => RuleOutcome,
): RuleOutcome[] {
  const found = singleRecord(ctx.items(dataset), p, ctx.site, dataset);
  if (found.outcome) return [found.outcome];
  return [judge(found.record, siteResource(ctx.site))];
}
