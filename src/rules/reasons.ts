import type { SiteProduct } from './areas.ts';
import { RULE_PLAN_LABELS } from './plans.ts';
import type { ResultReason } from './result.ts';

// The sentence a person reads for each reason a result is `unknown` or `not_applicable`. It says
// what is missing and what to do about it, so "unknown" is never a dead end.

/** How people name a site product, and what a site having it is. */
const SITE_PRODUCTS: Record<SiteProduct, { name: string; sites: string; site: string }> = {
  jira: { name: 'Jira', sites: 'Cloud sites', site: 'a Cloud site' },
  confluence: { name: 'Confluence', sites: 'Cloud sites', site: 'a Cloud site' },
  'jira-service-management': { name: 'Jira Service Management', sites: 'Cloud sites', site: 'a Cloud site' },
  bitbucket: { name: 'Bitbucket', sites: 'Cloud workspaces', site: 'a Bitbucket Cloud workspace' },
  'jira-data-center': { name: 'Jira', sites: 'Data Center instances', site: 'a Jira Data Center instance' },
  'confluence-data-center': {
    name: 'Confluence',
    sites: 'Data Center instances',
    site: 'a Confluence Data Center instance',
  },
};

const and = (names: readonly string[]) => names.join(' and ');

/** `Jira and Confluence Cloud sites or Jira Data Center instances`. */
function sitesWith(products: readonly SiteProduct[]): string {
  const byKind = new Map<string, string[]>();
  for (const p of products) {
    const { name, sites } = SITE_PRODUCTS[p];
    byKind.set(sites, [...(byKind.get(sites) ?? []), name]);
  }
  return [...byKind].map(([sites, names]) => `${and(names)} ${sites}`).join(' or ');
}

/** `a Jira Data Center instance`, `a Bitbucket Cloud workspace`, `a Cloud site with Jira only`. */
function siteKind(products: readonly SiteProduct[]): string {
  const first = products[0];
  if (!first) return 'a site with no product Palisade reads';
  const { site } = SITE_PRODUCTS[first];
  if (site !== 'a Cloud site') return site;
  return `a Cloud site with ${and(products.map((p) => SITE_PRODUCTS[p].name))} only`;
}

function where(scope: string): string {
  return scope === 'org' ? 'the organization' : `site ${scope}`;
}

export function describeReason(reason: ResultReason): string {
  switch (reason.code) {
    case 'dataset_forbidden':
      return (
        `Palisade was not allowed to read ${reason.dataset} for ${where(reason.scope)}` +
        (reason.missingScope ? `: the credential lacks ${reason.missingScope}.` : '.') +
        ' Grant it and sync again.'
      );
    case 'dataset_failed':
      return `Reading ${reason.dataset} for ${where(reason.scope)} failed${reason.detail ? ` (${reason.detail})` : ''}; the next sync retries.`;
    case 'dataset_not_collected':
      return `${reason.dataset} was not collected for ${where(reason.scope)}${reason.detail ? ` (${reason.detail})` : ''}.`;
    case 'dataset_partial':
      return `${reason.dataset} was only partly read for ${where(reason.scope)}${reason.detail ? ` (${reason.detail})` : ''}, so a pass cannot be confirmed.`;
    case 'attestation_missing':
      return `No public API exposes ${reason.subject} and no one has attested it; an admin can record it with evidence.`;
    case 'attestation_expired':
      return `The attestation of ${reason.subject} (${reason.attestationId}) expired on ${reason.expiredAt}; re-attest it.`;
    case 'attestation_invalid':
      return `The attestation of ${reason.subject} (${reason.attestationId}) no longer matches its form (${reason.detail}); re-attest it.`;
    case 'governance_missing':
      return 'Decided by Palisade’s app governance state (classifications, risk scores, overrides), which this evaluation did not include.';
    case 'credential_missing':
      return reason.credential === 'org-api-key'
        ? 'No org API key is connected; add one to read the organization settings.'
        : 'No site admin credential is connected for this site.';
    case 'product_absent':
      return `Applies to ${sitesWith(reason.appliesTo)}; this is ${siteKind(reason.site)}.`;
    case 'plan_lacks_feature':
      return `The control needs ${RULE_PLAN_LABELS[reason.requires]}; the organization has ${reason.current}.`;
    case 'plan_unknown':
      return `The control needs ${RULE_PLAN_LABELS[reason.requires]} and Palisade could not tell the current plan.`;
    case 'invalid_settings':
      return `This organization's settings for the rule are invalid: ${reason.detail}`;
    case 'rule_error':
      return `The rule failed to evaluate: ${reason.detail}`;
    case 'rule_reported':
      return reason.detail;
  }
}

export function describeReasons(reasons: readonly ResultReason[]): string {
  return reasons.map(describeReason).join(' ');
}
