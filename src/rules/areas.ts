// The fixed list of rule areas: the folders of rules/catalogue/ and the sections of the baseline.
// Each area belongs to one product, which is what the posture score is broken down by and what a
// site must have for the area's site-scoped rules to apply to it.

/** Where a rule's subject lives: the organization (admin.atlassian.com) or a product of a site. */
export const PRODUCTS = [
  'org',
  'jira',
  'jira-service-management',
  'confluence',
  'bitbucket',
  'jira-data-center',
  'confluence-data-center',
] as const;
export type Product = (typeof PRODUCTS)[number];

/** The products a site can have (the `org` product is the organization itself, not a site's). */
export type SiteProduct = Exclude<Product, 'org'>;

export interface AreaInfo {
  title: string;
  product: Product;
}

/** In baseline order (CHECKS.md groups A–I; the per-app checks of group K next to D). */
export const AREAS = {
  identity: { title: 'Organization: identity and authentication', product: 'org' },
  accounts: { title: 'Organization: accounts and admins', product: 'org' },
  tokens: { title: 'Organization: tokens and keys', product: 'org' },
  'app-governance': { title: 'Organization: third-party app governance', product: 'org' },
  // CHECKS.md group K: per-app checks, evaluated for each installed app (they feed the app risk score).
  apps: { title: 'Per-app checks', product: 'org' },
  'data-protection': { title: 'Organization: data protection, network and residency', product: 'org' },
  jira: { title: 'Jira Cloud', product: 'jira' },
  jsm: { title: 'Jira Service Management', product: 'jira-service-management' },
  confluence: { title: 'Confluence Cloud', product: 'confluence' },
  bitbucket: { title: 'Bitbucket Cloud', product: 'bitbucket' },
  // CHECKS.md group J: a self-managed Jira or Confluence Data Center instance is a "site" whose product is the DC one.
  'jira-data-center': { title: 'Jira Data Center', product: 'jira-data-center' },
  'confluence-data-center': { title: 'Confluence Data Center', product: 'confluence-data-center' },
} as const satisfies Record<string, AreaInfo>;

export type Area = keyof typeof AREAS;
export const AREA_IDS = Object.keys(AREAS) as [Area, ...Area[]];
