import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Installed apps: what UPM and the GraphQL gateway list per site, what the Marketplace says about
// each, and the derived installation inventory (who installed what, when).

/** UPM's `licenseDetails` of one plugin (its own page, `GET …/{key}-key`). Dates as ISO-8601 UTC. */
export const upmLicense = z.object({
  active: z.boolean().nullable(),
  /** `COMMERCIAL`, `EVALUATION`, `FREE`, … */
  type: z.string().nullable(),
  evaluation: z.boolean().nullable(),
  /** When the licence or evaluation ends (subscriptions: absent). */
  expiryDate: z.string().nullable(),
  maintenanceExpiryDate: z.string().nullable(),
});

const upmPlugin = z.object({
  key: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  enabled: z.boolean(),
  /** UPM's flag: installed by someone rather than bundled. */
  userInstalled: z.boolean(),
  /** Required system plugins are not optional. */
  optional: z.boolean(),
  /** A Connect app (remote plugin). */
  remotable: z.boolean(),
  usesLicensing: z.boolean().nullable(),
  vendorName: z.string().nullable(),
  vendorUrl: z.string().nullable(),
  /**
   * Read for installed apps that use licensing only (absent otherwise): the licence UPM serves on
   * the plugin's page, null when it serves none.
   */
  license: upmLicense.nullable().optional(),
});

function upmDataset(product: 'jira' | 'confluence') {
  return defineDataset({
    name: `apps.upm-${product}`,
    scope: 'site',
    kind: 'snapshot',
    product,
    holds: `Every plugin the ${product === 'jira' ? 'Jira' : 'Confluence'} Universal Plugin Manager lists (Connect, Forge, system), with the licence of the installed apps that use licensing.`,
    endpoints: [`upm.${product}.list`, `upm.${product}.get`],
    usedBy: ['apps.installations', 'app_unlisted_or_dev_mode', 'app_license_expired_installed'],
    access: {
      needs: product === 'jira' ? 'jira-admin' : 'confluence-admin',
      without: 'forbidden',
      why: "UPM refuses anyone who may not manage the product's apps",
    },
    schema: upmPlugin,
    key: (r) => r.key,
  });
}

export const appsUpmJira = upmDataset('jira');
export const appsUpmConfluence = upmDataset('confluence');

export const appLicense = z.object({
  active: z.boolean().nullable(),
  type: z.string().nullable(),
  evaluation: z.boolean().nullable(),
});

export const appsForge = defineDataset({
  name: 'apps.forge',
  scope: 'site',
  kind: 'snapshot',
  holds: 'Forge and Connect-on-Forge installations from the GraphQL gateway, with scopes and egress.',
  endpoints: ['graphql.appInstallations.list'],
  usedBy: ['apps.installations', 'app_admin_capability', 'app_data_egress', 'app_unlisted_or_dev_mode'],
  access: {
    needs: 'product-admin',
    without: 'forbidden',
    why: "the GraphQL gateway lists a product's apps only to its administrators",
  },
  schema: z.object({
    installationId: z.string(),
    /** The Forge app id (UUID, the tail of `ari:cloud:ecosystem::app/<id>`). */
    appId: z.string(),
    name: z.string(),
    vendorName: z.string().nullable(),
    product: z.enum(['jira', 'confluence']),
    /** `PRODUCTION` | `STAGING` | `DEVELOPMENT`. */
    environmentType: z.string().nullable(),
    version: z.string().nullable(),
    scopes: z.array(z.string()),
    egress: z.array(z.string()),
    license: appLicense.nullable(),
    installedAt: z.string().nullable(),
  }),
  key: (r) => r.installationId,
});

const privacy = z.object({
  storesDataOutsideAtlassian: z.boolean().nullable(),
  sharesDataWithThirdParties: z.boolean().nullable(),
  dataResidency: z.string().nullable(),
  diskEncryption: z.boolean().nullable(),
  subProcessors: z.string().nullable(),
});

export const appsMarketplace = defineDataset({
  name: 'apps.marketplace',
  scope: 'org',
  kind: 'snapshot',
  holds:
    'What the Marketplace says about each installed app (listed or not, trust programmes, vendor, declared ' +
    'scopes, privacy answers), read anonymously and cached per app version.',
  endpoints: ['marketplace.addon.get', 'marketplace.addonPrivacy.get', 'marketplace.vendor.get'],
  usedBy: ['app_no_trust_signals', 'app_unlisted_or_dev_mode', 'app_admin_capability', 'app_act_as_user'],
  schema: z.object({
    appKey: z.string(),
    /** The installed version this answer was read (and cached) for. */
    version: z.string().nullable(),
    listed: z.boolean(),
    name: z.string().nullable(),
    vendorId: z.string().nullable(),
    vendorName: z.string().nullable(),
    isAtlassian: z.boolean().nullable(),
    topVendor: z.string().nullable(),
    cloudSecurityApproved: z.boolean().nullable(),
    cloudFortified: z.string().nullable(),
    bugBounty: z.string().nullable(),
    storesPersonalData: z.boolean().nullable(),
    totalInstalls: z.number().nullable(),
    totalUsers: z.number().nullable(),
    averageStars: z.number().nullable(),
    reviewCount: z.number().nullable(),
    latestVersion: z.string().nullable(),
    lastReleaseDate: z.string().nullable(),
    paymentModel: z.string().nullable(),
    /** Latest version is a Connect app (`deployment.connect`). */
    connect: z.boolean().nullable(),
    /** Declared Connect scopes (`deployment.permissions`) or Forge scopes (`cloud.appScopes`). */
    declaredScopes: z.array(z.string()),
    forgeAppId: z.string().nullable(),
    privacy: privacy.nullable(),
    /** When the Marketplace was read for this answer (it may come from the cache). */
    readAt: z.string(),
  }),
  // An app may run different versions on different sites: one answer per installed version.
  key: (r) => `${r.appKey}@${r.version ?? ''}`,
});

export const appsInstallations = defineDataset({
  name: 'apps.installations',
  scope: 'site',
  kind: 'snapshot',
  holds:
    'The app inventory of a site: one record per app and product, merged from UPM and the GraphQL gateway, ' +
    'with who installed it and when from the audit trails (derived: no API call).',
  endpoints: [],
  usedBy: [
    'org_apps_classified',
    'org_no_unaccepted_high_risk_apps',
    'app_user_installed',
    'app_inactive_with_access',
    'app_unlisted_or_dev_mode',
    'app_license_expired_installed',
    'app risk score',
  ],
  schema: z.object({
    /** UPM key; for a Forge app UPM does not list, `forge:<appId>`. */
    appKey: z.string(),
    product: z.enum(['jira', 'confluence']),
    name: z.string(),
    /** `connect` | `forge` | `plugin` (a UPM plugin that is neither, by a third party). */
    framework: z.enum(['connect', 'forge', 'plugin']),
    appId: z.string().nullable(),
    version: z.string().nullable(),
    enabled: z.boolean().nullable(),
    /** UPM's userInstalled flag. */
    userInstalled: z.boolean().nullable(),
    vendorName: z.string().nullable(),
    environmentType: z.string().nullable(),
    scopes: z.array(z.string()),
    egress: z.array(z.string()),
    license: appLicense.nullable(),
    /** The app's own account on the site (jira.users), by name. */
    appAccountId: z.string().nullable(),
    installedAt: z.string().nullable(),
    installedBy: z.string().nullable(),
    installedByName: z.string().nullable(),
    /** Where installedBy/installedAt came from. */
    installSource: z.enum(['jira-audit', 'confluence-audit', 'org-events', 'forge']).nullable(),
  }),
  key: (r) => `${r.product}:${r.appKey}`,
});
