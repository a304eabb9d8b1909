import type { SiteProduct } from '../areas.ts';
import type { ProductPlan } from '../plans.ts';

// The plan of each product of a site, from what the sync read. Atlassian exposes less than the
// engine would like, so anything it does not say stays null ("the product is there, its plan is
// unknown"): a rule that needs a plan then reports `unknown`, never `not_applicable` on a guess.
//
// - Jira (and Jira Service Management): `jira.license` lists each Jira product with `plan`
//   `FREE` | `PAID` (GET /rest/api/3/instance/license). FREE is the Free plan; PAID does not say
//   whether it is Standard, Premium or Enterprise, so it stays null. A `jira-servicedesk`
//   application means the site has Jira Service Management.
// - Confluence: `confluence.system-info` `edition` (`free`, `standard`, `premium`, `enterprise`,
//   lower-cased by the collector as Confluence sends it); anything else stays null.
// - `org.workspaces` lists each product instance with its `typeKey` but no plan (the admin API's
//   workspace model has none): it only adds products (a `jira-servicedesk` workspace), names, and
//   whether the site is a sandbox (`sandbox.type` `CHILD`).
// - Bitbucket (a workspace, its connection's one site): no API states the plan, so it stays null;
//   the Bitbucket rules that need Premium read the plan from the workspace admin's attestation.
// - Jira and Confluence Data Center (an instance, its connection's one site): its one product,
//   with no plan (a server licence has none of the Cloud plans).

export interface LicenceApplication {
  applicationId: string;
  plan: string;
}

export interface WorkspaceFacts {
  cloudId: string | null;
  product: string | null;
  typeKey: string | null;
  name: string;
  /** Absent in snapshots stored before the field existed. */
  sandbox?: boolean;
}

const JSM_KEYS = new Set(['jira-servicedesk', 'jira-service-management']);
const EDITIONS = new Set<string>(['free', 'standard', 'premium', 'enterprise']);

/** The plan a Jira licence application states: only FREE is a plan; PAID hides which one. */
export function jiraPlan(applications: readonly LicenceApplication[]): ProductPlan | null {
  if (applications.length === 0) return null;
  return applications.every((a) => a.plan.toUpperCase() === 'FREE') ? 'free' : null;
}

export function confluencePlan(edition: string | null | undefined): ProductPlan | null {
  const e = edition?.trim().toLowerCase();
  return e !== undefined && EDITIONS.has(e) ? (e as ProductPlan) : null;
}

export interface SiteSources {
  /** The products the connection says the site has. */
  products: readonly ('jira' | 'confluence' | 'bitbucket' | 'jira-data-center' | 'confluence-data-center')[];
  /** Undefined when `jira.license` was not read completely. */
  licence: readonly LicenceApplication[] | undefined;
  /** Undefined when `confluence.system-info` was not read completely. */
  edition: string | null | undefined;
  workspaces: readonly WorkspaceFacts[];
}

export function siteProducts(sources: SiteSources): Partial<Record<SiteProduct, ProductPlan | null>> {
  const products: Partial<Record<SiteProduct, ProductPlan | null>> = {};
  const licence = sources.licence ?? [];
  if (sources.products.includes('jira')) {
    const software = licence.filter((a) => !JSM_KEYS.has(a.applicationId));
    products.jira = jiraPlan(software.length > 0 ? software : licence);
    const jsm = licence.filter((a) => JSM_KEYS.has(a.applicationId));
    const jsmWorkspace = sources.workspaces.some((w) => w.typeKey !== null && JSM_KEYS.has(w.typeKey));
    if (jsm.length > 0 || jsmWorkspace) products['jira-service-management'] = jiraPlan(jsm);
  }
  if (sources.products.includes('confluence')) products.confluence = confluencePlan(sources.edition);
  // A Bitbucket workspace: its API does not say which plan it is on (Free, Standard, Premium).
  if (sources.products.includes('bitbucket')) products.bitbucket = null;
  // A Data Center instance: licensed per server, no plan the checks read (the DC rules need none).
  if (sources.products.includes('jira-data-center')) products['jira-data-center'] = null;
  if (sources.products.includes('confluence-data-center')) products['confluence-data-center'] = null;
  return products;
}

/**
 * The site's sub-domain: the workspace name when the admin API gave one, else the URL's first
 * label; a Bitbucket workspace (`https://bitbucket.org/<workspace>`) is named by its slug; a Data
 * Center instance by the host of the base URL it says it has (`dc.server-info`), which names it
 * where Palisade reaches it at an internal address or through a proxy.
 */
export function siteName(
  url: string,
  workspaces: readonly WorkspaceFacts[],
  configuredBaseUrl?: string | null,
): string {
  const named = workspaces.find((w) => w.name !== '');
  if (named) return named.name;
  if (configuredBaseUrl) {
    try {
      return new URL(configuredBaseUrl).hostname;
    } catch {
      // Not a URL: named by the address it was reached at, below.
    }
  }
  try {
    const parsed = new URL(url);
    const host = parsed.hostname;
    const slug = parsed.pathname.split('/').find((p) => p !== '');
    if (host === 'bitbucket.org' && slug) return slug;
    return host.endsWith('.atlassian.net') ? (host.split('.')[0] ?? host) : host;
  } catch {
    return url;
  }
}

/** A sandbox when the org's workspace data says so; undefined when no workspace names the site. */
export function siteSandbox(workspaces: readonly WorkspaceFacts[]): boolean | undefined {
  return workspaces.length === 0 ? undefined : workspaces.some((w) => w.sandbox === true);
}
