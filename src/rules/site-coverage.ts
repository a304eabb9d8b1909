import type { DatasetRecord } from './dataset-catalogue.ts';
import type { SiteFacts } from './snapshot-view.ts';

// Which of the org's sites a scan read. The admin API lists every product instance of the org
// ("workspaces": POST /admin/v2/orgs/{orgId}/workspaces), one per product of each site, keyed by
// the site's cloud id; the scan covers the sites of its connection, each with the products
// discovery found. Matching is by cloud id, so a renamed site or a custom domain still matches.
// Only what Palisade reads counts (Jira's products and Confluence on a site); other workspaces
// (Bitbucket, Trello, Compass…) and offline ones (nothing can be read there) are left out.
// https://developer.atlassian.com/cloud/admin/organization/rest/api-group-workspaces/

export type ReadProduct = 'jira' | 'confluence';

type Workspace = Pick<
  DatasetRecord<'org.workspaces'>,
  'cloudId' | 'product' | 'typeKey' | 'name' | 'status' | 'hostUrl' | 'sandbox'
>;

export interface OrgSite {
  cloudId: string;
  /** The workspace name (the site's sub-domain). */
  name: string;
  /** The URL the org lists for it; null when the admin API gave none. */
  url: string | null;
  /** A sandbox, by the org's workspace data. */
  sandbox: boolean;
  /** The products the org lists on the site that Palisade reads. */
  products: ReadProduct[];
  /** Those the scan did not read: all of them when the site was not scanned at all. */
  unread: ReadProduct[];
  /** The scan covered the site (read at least one of its products). */
  scanned: boolean;
}

export const PRODUCT_NAMES: Record<ReadProduct, string> = { jira: 'Jira', confluence: 'Confluence' };

/** `jira`, `jira-software`, `jira-servicedesk`… are Jira; `confluence` is Confluence; the rest, neither. */
export function readProductOf(w: Pick<Workspace, 'product' | 'typeKey'>): ReadProduct | null {
  for (const value of [w.product, w.typeKey]) {
    const v = value?.trim().toLowerCase() ?? '';
    if (v.startsWith('jira')) return 'jira';
    if (v.startsWith('confluence')) return 'confluence';
  }
  return null;
}

function online(w: Workspace): boolean {
  return w.status === null || w.status.trim().toLowerCase() === 'online';
}

function scannedProducts(site: SiteFacts): Set<ReadProduct> {
  const out = new Set<ReadProduct>();
  if ('jira' in site.products || 'jira-service-management' in site.products) out.add('jira');
  if ('confluence' in site.products) out.add('confluence');
  return out;
}

const ORDER: readonly ReadProduct[] = ['jira', 'confluence'];
const inOrder = (products: readonly ReadProduct[]) => ORDER.filter((p) => products.includes(p));

/** The org's sites, by cloud id, with what the scan did and did not read of each; sorted by name. */
export function orgSites(workspaces: readonly Workspace[], sites: readonly SiteFacts[]): OrgSite[] {
  const scanned = new Map(sites.map((s) => [s.cloudId.toLowerCase(), scannedProducts(s)]));
  const byCloudId = new Map<string, OrgSite>();
  for (const w of workspaces) {
    const product = readProductOf(w);
    if (w.cloudId === null || product === null || !online(w)) continue;
    const cloudId = w.cloudId.toLowerCase();
    const site = byCloudId.get(cloudId) ?? {
      cloudId,
      name: w.name,
      url: w.hostUrl,
      sandbox: false,
      products: [],
      unread: [],
      scanned: scanned.has(cloudId),
    };
    byCloudId.set(cloudId, site);
    site.sandbox ||= w.sandbox === true;
    site.url ??= w.hostUrl;
    if (!site.products.includes(product)) site.products.push(product);
    if (!scanned.get(cloudId)?.has(product) && !site.unread.includes(product)) site.unread.push(product);
  }
  return [...byCloudId.values()]
    .map((s) => ({ ...s, products: inOrder(s.products), unread: inOrder(s.unread) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.cloudId.localeCompare(b.cloudId));
}

/** `Jira and Confluence`. */
export function productList(products: readonly ReadProduct[]): string {
  return products.map((p) => PRODUCT_NAMES[p]).join(' and ');
}
