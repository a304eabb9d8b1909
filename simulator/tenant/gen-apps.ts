// The apps of a generated tenant: Atlassian-built, system, trusted and ordinary listed
// vendors, unknown vendors and development-mode apps, with their Marketplace vendors and listings.
import type { Random } from '../core/random.ts';
import {
  APP_ADJECTIVES,
  APP_NOUNS,
  ATLASSIAN_APPS,
  SYSTEM_APPS,
  VENDOR_FIRST,
  VENDOR_SECOND,
} from './gen-names.ts';
import type { GenSpec } from './gen-spec.ts';
import { isoDaysAgo, slugify, stream, uniqueName, weighted } from './gen-util.ts';
import type { App, MarketplaceListing, MarketplaceVendor, Site } from './model.ts';

export type Product = 'jira' | 'confluence';
export type AppKind = 'atlassian' | 'system' | 'trusted' | 'listed' | 'unknown' | 'dev';

export interface GeneratedApps {
  apps: App[];
  vendors: MarketplaceVendor[];
  listings: MarketplaceListing[];
}

export const ATLASSIAN_VENDOR: MarketplaceVendor = {
  id: 1,
  name: 'Atlassian',
  isAtlassian: true,
  topVendor: 'approved',
  cloudSecurityApproved: true,
  homePage: 'https://www.atlassian.com',
  email: 'security@atlassian.com',
};

const CONNECT_LEVELS = ['READ', 'WRITE', 'DELETE', 'PROJECT_ADMIN', 'ADMIN'] as const;

/** Connect scopes up to a level of the hierarchy, plus the orthogonal ACT_AS_USER / e-mail scopes. */
export function connectScopes(rng: Random, products: readonly Product[], level: number): string[] {
  const scopes: string[] = [];
  for (const scope of CONNECT_LEVELS.slice(0, level + 1)) {
    if (scope !== 'PROJECT_ADMIN') scopes.push(scope);
    else {
      if (products.includes('jira')) scopes.push('PROJECT_ADMIN');
      if (products.includes('confluence')) scopes.push('SPACE_ADMIN');
    }
  }
  if (rng.chance(0.15)) scopes.push('ACT_AS_USER');
  if (rng.chance(0.12)) scopes.push('ACCESS_EMAIL_ADDRESSES');
  return scopes;
}

const FORGE_BY_LEVEL: Record<Product, string[][]> = {
  jira: [
    ['read:jira-work'],
    ['write:jira-work'],
    ['read:jira-user'],
    ['manage:jira-project'],
    ['manage:jira-configuration'],
  ],
  confluence: [
    ['read:confluence-content.all', 'read:confluence-space.summary'],
    ['write:confluence-content'],
    ['read:confluence-user'],
    ['write:confluence-space'],
    ['manage:confluence-configuration'],
  ],
};

export function forgeScopes(rng: Random, products: readonly Product[], level: number): string[] {
  const scopes: string[] = [];
  for (const product of products)
    for (const step of FORGE_BY_LEVEL[product].slice(0, level + 1)) scopes.push(...step);
  if (rng.chance(0.7)) scopes.push('storage:app');
  return scopes;
}

function pickProducts(rng: Random, available: Product[]): Product[] {
  if (available.length === 1) return [...available];
  return weighted<Product[]>(rng, [
    [['jira'], 55],
    [['confluence'], 30],
    [['jira', 'confluence'], 15],
  ]);
}

const KIND_ORDER: AppKind[] = [
  'atlassian',
  'trusted',
  'listed',
  'unknown',
  'dev',
  'system',
  'listed',
  'trusted',
];
const KIND_WEIGHTS: [AppKind, number][] = [
  ['atlassian', 12],
  ['system', 4],
  ['trusted', 20],
  ['listed', 41],
  ['unknown', 15],
  ['dev', 8],
];

export function generateApps(spec: GenSpec, sites: Site[]): GeneratedApps {
  const rng = stream(spec.seed, 'apps');
  const available: Product[] = [];
  if (sites.some((s) => s.jira)) available.push('jira');
  if (sites.some((s) => s.confluence)) available.push('confluence');
  const vendorCount = Math.max(4, Math.ceil(spec.apps / 4));
  const vendorNames = new Set<string>();
  const vendors: MarketplaceVendor[] = [];
  for (let i = 0; i < vendorCount; i++) {
    const name = uniqueName(`${rng.pick(VENDOR_FIRST)} ${rng.pick(VENDOR_SECOND)}`, vendorNames, ' ');
    const trusted = i % 3 === 0;
    vendors.push({
      id: 10_000 + i * 13,
      name,
      isAtlassian: false,
      topVendor: trusted ? 'approved' : rng.chance(0.1) ? 'rejected' : 'not-requested',
      cloudSecurityApproved: trusted,
      homePage: `https://${slugify(name)}.example`,
      email: `security@${slugify(name)}.example`,
    });
  }
  const usedVendors = new Map<number, MarketplaceVendor>();
  const keys = new Set<string>();
  const names = new Set<string>();
  const apps: App[] = [];
  const listings: MarketplaceListing[] = [];
  let atlassianNext = 0;
  let systemNext = 0;
  for (let i = 0; i < spec.apps; i++) {
    let kind = KIND_ORDER[i] ?? weighted(rng, KIND_WEIGHTS);
    const atl = ATLASSIAN_APPS.filter((a) => a.products.every((p) => available.includes(p)))[atlassianNext];
    const sys = SYSTEM_APPS.filter((a) => a.products.every((p) => available.includes(p)))[systemNext];
    if ((kind === 'atlassian' && !atl) || (kind === 'system' && !sys)) kind = 'listed';
    const framework: App['framework'] =
      kind === 'system'
        ? 'system'
        : rng.chance(kind === 'dev' ? 0.4 : kind === 'atlassian' ? 0.5 : 0.58)
          ? 'connect'
          : 'forge';
    const level = weighted(rng, [
      [0, 30],
      [1, 30],
      [2, 12],
      [3, 14],
      [4, 14],
    ]);
    let app: App;
    if (kind === 'atlassian' && atl) {
      atlassianNext++;
      keys.add(atl.key);
      names.add(atl.name);
      const products = [...atl.products];
      app = {
        key: atl.key,
        name: atl.name,
        description: `${atl.name}, built by Atlassian.`,
        version: `${rng.int(1, 9)}.${rng.int(0, 40)}.${rng.int(0, 9)}`,
        framework,
        vendor: { id: ATLASSIAN_VENDOR.id, name: 'Atlassian', url: ATLASSIAN_VENDOR.homePage },
        scopes:
          framework === 'connect' ? connectScopes(rng, products, level) : forgeScopes(rng, products, level),
        egress: [],
        listed: true,
        developmentMode: false,
        products,
      };
      if (framework === 'connect') app.baseUrl = `https://${slugify(atl.name)}.services.atlassian.com`;
      usedVendors.set(ATLASSIAN_VENDOR.id, ATLASSIAN_VENDOR);
    } else if (kind === 'system' && sys) {
      systemNext++;
      keys.add(sys.key);
      names.add(sys.name);
      app = {
        key: sys.key,
        name: sys.name,
        description: `${sys.name} (bundled with the product).`,
        version: `1.0.${rng.int(100, 999)}`,
        framework: 'system',
        vendor: { name: 'Atlassian', url: 'https://www.atlassian.com' },
        scopes: [],
        egress: [],
        listed: false,
        developmentMode: false,
        products: [...sys.products],
      };
    } else {
      const products = pickProducts(rng, available);
      const noun = rng.pick(APP_NOUNS);
      const suffix =
        products.length === 2
          ? 'for Jira & Confluence'
          : products[0] === 'jira'
            ? 'for Jira'
            : 'for Confluence';
      const base = rng.chance(0.5) ? `${noun} ${suffix}` : `${rng.pick(APP_ADJECTIVES)} ${noun} ${suffix}`;
      const name = uniqueName(base, names, ' ');
      const pool = kind === 'trusted' ? vendors.filter((v) => v.cloudSecurityApproved) : vendors;
      const vendor = rng.pick(pool.length > 0 ? pool : vendors);
      const vendorName =
        kind === 'dev'
          ? `${spec.orgName} Internal Tools`
          : kind === 'unknown'
            ? `${rng.pick(VENDOR_FIRST)} Dev`
            : vendor.name;
      const vendorSlug = slugify(vendorName);
      const key = uniqueName(`com.${vendorSlug.replace(/-/g, '')}.${slugify(noun)}`, keys, '-');
      app = {
        key,
        name,
        description: `${noun} by ${vendorName}.`,
        version:
          framework === 'connect'
            ? `1.${rng.int(0, 60)}.${rng.int(0, 30)}-AC`
            : `${rng.int(1, 12)}.${rng.int(0, 9)}.0`,
        framework,
        vendor: {
          name: vendorName,
          url: kind === 'dev' ? `https://tools.${spec.domain}` : `https://${vendorSlug}.example`,
        },
        scopes:
          framework === 'connect' ? connectScopes(rng, products, level) : forgeScopes(rng, products, level),
        egress: [],
        listed: kind === 'trusted' || kind === 'listed',
        developmentMode: kind === 'dev',
        products,
      };
      if (app.listed) {
        app.vendor.id = vendor.id;
        usedVendors.set(vendor.id, vendor);
      }
      if (framework === 'connect')
        app.baseUrl = `${app.vendor.url.replace('https://', `https://${slugify(noun)}.`)}`;
      else if (rng.chance(0.45)) {
        const host = app.vendor.url.replace('https://', '');
        app.egress = rng.chance(0.2) ? [`*.${host}`] : [`api.${host}`];
      }
    }
    if (framework === 'forge' || (framework === 'connect' && rng.chance(0.1))) app.appId = rng.uuid();
    apps.push(app);
    if (app.listed && app.vendor.id !== undefined)
      listings.push(makeListing(rng, spec.now, app, kind, 1_200_000 + i * 17));
  }
  return { apps, vendors: [...usedVendors.values()].sort((a, b) => a.id - b.id), listings };
}

export function makeListing(rng: Random, now: Date, app: App, kind: AppKind, id: number): MarketplaceListing {
  const atlassian = kind === 'atlassian';
  const trusted = kind === 'trusted';
  const installs = atlassian
    ? rng.int(50_000, 500_000)
    : trusted
      ? rng.int(5_000, 60_000)
      : rng.int(40, 8_000);
  const free = atlassian || rng.chance(0.3);
  return {
    appKey: app.key,
    id,
    vendorId: app.vendor.id ?? 0,
    cloudFortified: trusted ? 'approved' : !atlassian && rng.chance(0.08) ? 'rejected' : 'not-requested',
    bugBounty: atlassian || trusted || rng.chance(0.15) ? 'approved' : 'not-requested',
    storesPersonalData: app.framework === 'connect' ? rng.chance(0.6) : rng.chance(0.2),
    totalInstalls: installs,
    totalUsers: installs * rng.int(20, 300),
    downloads: Math.round(installs * (1.2 + rng.next())),
    averageStars: Math.round((2.5 + rng.next() * 2.4) * 10) / 10,
    reviewCount: Math.round(installs / rng.int(50, 400)),
    lastReleaseDate: isoDaysAgo(now, rng.int(1, 400)),
    paymentModel: free ? 'free' : rng.chance(0.85) ? 'atlassian' : 'vendor',
    privacy: rng.chance(atlassian || trusted ? 1 : 0.85)
      ? {
          storesDataOutsideAtlassian: app.framework === 'connect' || app.egress.length > 0,
          sharesWithThirdParties: !atlassian && rng.chance(0.2),
          dataResidencySupported: atlassian || rng.chance(0.4),
          diskEncryption: atlassian || trusted || rng.chance(0.7),
          subProcessors: atlassian ? [] : rng.chance(0.5) ? ['Amazon Web Services'] : [],
        }
      : null,
  };
}
