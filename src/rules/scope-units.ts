import { datasetSiteProducts, readsOnSite } from '../inventory/datasets/index.ts';
import { AREAS, type SiteProduct } from './areas.ts';
import { DATASETS, type DatasetName, isDatasetName } from './dataset-catalogue.ts';
import { guardTierAtLeast, type ProductPlan, productPlanAtLeast, type RulePlan } from './plans.ts';
import type { ResourceRef, ResultReason } from './result.ts';
import type { Rule } from './rule.ts';
import type { SiteFacts, SnapshotView } from './snapshot-view.ts';

// Where a rule is evaluated (the organization once, or each site) and whether it can be there at
// all: a site without the area's product, or a plan without the feature, makes it
// `not_applicable`; a plan nobody could read, or a missing credential, makes it `unknown`.

export interface ScopeUnit {
  /** `org` or the site's cloud id: the scope of the results and of the site datasets read. */
  scope: string;
  site: SiteFacts | undefined;
  /** What engine-decided results are about. */
  resource: ResourceRef;
  blocked?: { status: 'not_applicable' | 'unknown'; reasons: ResultReason[] };
}

export function scopeUnits(rule: Rule, snapshot: SnapshotView): ScopeUnit[] {
  if (rule.meta.scope === 'org') {
    const unit: ScopeUnit = {
      scope: 'org',
      site: undefined,
      resource: { type: 'org', id: snapshot.org.id, name: snapshot.org.name, scope: 'org' },
    };
    const plans = snapshot.sites.flatMap((s) => Object.values(s.products)) as (ProductPlan | null)[];
    const blocked =
      planGate(rule.meta.plan, plans, snapshot) ??
      credentialGate(rule.meta.credential === 'org-api-key' && !snapshot.org.hasCredential, 'org-api-key');
    return [blocked ? { ...unit, blocked } : unit];
  }
  const product = AREAS[rule.meta.area].product;
  return snapshot.sites.map((site) => {
    const unit: ScopeUnit = {
      scope: site.cloudId,
      site,
      resource: { type: 'site', id: site.cloudId, name: site.name, scope: site.cloudId },
    };
    let blocked: ScopeUnit['blocked'];
    const appliesTo = product === 'org' || product in site.products ? absentSource(rule, site) : [product];
    if (appliesTo) {
      const has = Object.keys(site.products) as SiteProduct[];
      blocked = { status: 'not_applicable', reasons: [{ code: 'product_absent', appliesTo, site: has }] };
    } else {
      const plans = (
        product === 'org' ? Object.values(site.products) : [site.products[product]]
      ) as (ProductPlan | null)[];
      blocked =
        planGate(rule.meta.plan, plans, snapshot) ??
        credentialGate(rule.meta.credential === 'site-admin' && !site.hasCredential, 'site-admin') ??
        credentialGate(rule.meta.credential === 'org-api-key' && !snapshot.org.hasCredential, 'org-api-key');
    }
    return blocked ? { ...unit, blocked } : unit;
  });
}

/**
 * A required site dataset that no site like this one has (the Cloud app inventory on a Data Center
 * instance or a Bitbucket workspace), or none of the rule's `requiresOneOf`: what the rule judges
 * does not exist there, so it does not apply — never `unknown` for data nobody could collect.
 * Returns the site products the rule would need.
 */
function absentSource(rule: Rule, site: SiteFacts): SiteProduct[] | undefined {
  const products = Object.keys(site.products);
  for (const name of rule.meta.requires) {
    if (!isDatasetName(name)) continue;
    const d = DATASETS[name];
    if (d.scope !== 'site' || readsOnSite(d, products)) continue;
    return [...datasetSiteProducts(d)];
  }
  const { requiresOneOf } = rule.meta;
  if (requiresOneOf.length === 0 || requiresOneOf.some((name) => readsOnSite(DATASETS[name], products)))
    return undefined;
  return [...new Set(requiresOneOf.flatMap((name) => datasetSiteProducts(DATASETS[name])))];
}

/** The rule's `requiresOneOf` datasets this site can have: required on it like `requires`. */
export function oneOfOnSite(rule: Rule, site: SiteFacts | undefined): DatasetName[] {
  if (!site) return [];
  const products = Object.keys(site.products);
  return rule.meta.requiresOneOf.filter((name) => readsOnSite(DATASETS[name], products));
}

function credentialGate(missing: boolean, credential: 'org-api-key' | 'site-admin'): ScopeUnit['blocked'] {
  return missing ? { status: 'unknown', reasons: [{ code: 'credential_missing', credential }] } : undefined;
}

/**
 * A product plan requirement is met when any of the given products has the plan (an org feature
 * such as IP allowlists exists as soon as one product is on Premium); unknown plans only count
 * when no known plan meets it.
 */
function planGate(
  requires: RulePlan,
  plans: readonly (ProductPlan | null)[],
  snapshot: SnapshotView,
): ScopeUnit['blocked'] {
  if (requires === 'any') return undefined;
  if (requires === 'guard-standard' || requires === 'guard-premium') {
    const guard = snapshot.org.guard;
    if (guard === null) return { status: 'unknown', reasons: [{ code: 'plan_unknown', requires }] };
    if (guardTierAtLeast(guard, requires === 'guard-standard' ? 'standard' : 'premium')) return undefined;
    return {
      status: 'not_applicable',
      reasons: [
        {
          code: 'plan_lacks_feature',
          requires,
          current:
            guard === 'none'
              ? 'no Atlassian Guard'
              : `Atlassian Guard ${guard === 'standard' ? 'Standard' : 'Premium'}`,
        },
      ],
    };
  }
  const known = plans.filter((p): p is ProductPlan => p !== null);
  if (known.some((p) => productPlanAtLeast(p, requires))) return undefined;
  if (known.length < plans.length)
    return { status: 'unknown', reasons: [{ code: 'plan_unknown', requires }] };
  const best = known.reduce<ProductPlan | undefined>(
    (a, p) => (a === undefined || productPlanAtLeast(p, a) ? p : a),
    undefined,
  );
  return {
    status: 'not_applicable',
    reasons: [
      {
        code: 'plan_lacks_feature',
        requires,
        current: best ? `the ${best.charAt(0).toUpperCase()}${best.slice(1)} plan` : 'no plan',
      },
    ],
  };
}
