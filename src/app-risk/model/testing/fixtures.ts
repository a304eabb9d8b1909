import type { AppRecord, InstallationRecord, MarketplaceRecord, OrgUserRecord } from '../app.ts';
import { buildAppInventory, type OrgAppSources, type SiteAppSources } from '../inventory.ts';

// Hand-written inventory records for app-risk tests: a Connect or Forge installation on one site,
// the Marketplace's answer for it, and the app record they make.

export const NOW = new Date('2025-06-01T12:00:00.000Z');
export const SITE = 'cloud-acme';
export const ADMIN_ID = 'acc-admin';
export const USER_ID = 'acc-user';

export const daysAgo = (days: number, now = NOW) => new Date(now.getTime() - days * 86_400_000).toISOString();

export function installation(
  overrides: Partial<InstallationRecord> & { appKey: string },
): InstallationRecord {
  return {
    product: 'jira',
    name: overrides.appKey,
    framework: 'connect',
    appId: null,
    version: '1.0.0-AC',
    enabled: true,
    userInstalled: false,
    vendorName: 'Example Vendor',
    environmentType: null,
    scopes: [],
    egress: [],
    license: null,
    appAccountId: `app-${overrides.appKey}`,
    installedAt: daysAgo(100),
    installedBy: ADMIN_ID,
    installedByName: 'Ada Admin',
    installSource: 'jira-audit',
    ...overrides,
  };
}

/** A Forge installation as the gateway reports it (app id, scopes, egress). */
export function forgeInstallation(
  overrides: Partial<InstallationRecord> & { appKey: string; scopes: string[] },
): InstallationRecord {
  return installation({
    framework: 'forge',
    appId: `id-${overrides.appKey}`,
    version: '1.0.0',
    environmentType: 'PRODUCTION',
    ...overrides,
  });
}

export function marketplace(overrides: Partial<MarketplaceRecord> & { appKey: string }): MarketplaceRecord {
  return {
    version: '1.0.0-AC',
    listed: true,
    name: overrides.appKey,
    vendorId: '1',
    vendorName: 'Example Vendor',
    isAtlassian: false,
    topVendor: 'not-requested',
    cloudSecurityApproved: false,
    cloudFortified: 'not-requested',
    bugBounty: 'not-requested',
    storesPersonalData: false,
    totalInstalls: 5000,
    totalUsers: 200000,
    averageStars: 3.9,
    reviewCount: 40,
    latestVersion: overrides.version ?? '1.0.0-AC',
    lastReleaseDate: daysAgo(30),
    paymentModel: 'atlassian',
    connect: true,
    declaredScopes: [],
    forgeAppId: null,
    privacy: null,
    readAt: daysAgo(1),
    ...overrides,
  };
}

export function unlisted(appKey: string, version = '1.0.0-AC'): MarketplaceRecord {
  return marketplace({
    appKey,
    version,
    listed: false,
    vendorName: null,
    isAtlassian: null,
    declaredScopes: [],
  });
}

export const adminUser: OrgUserRecord = {
  accountId: ADMIN_ID,
  accountType: 'atlassian',
  accountStatus: 'active',
  membershipStatus: 'active',
  status: 'active',
  name: 'Ada Admin',
  emailDomain: 'acme.example',
  emailVerified: true,
  claimStatus: 'managed',
  managementSource: null,
  platformRoles: ['atlassian/org-admin'],
  mfaEnabled: true,
  addedToOrg: daysAgo(900),
  lastActive: daysAgo(1),
  productAccessCount: 2,
};

export const plainUser: OrgUserRecord = {
  ...adminUser,
  accountId: USER_ID,
  name: 'Uma User',
  platformRoles: [],
};

/** The records of one site, org-wide sources defaulting to the two people above. */
export function inventoryOf(
  installations: InstallationRecord[],
  answers: MarketplaceRecord[] | undefined,
  site: Partial<SiteAppSources> = {},
  org: Partial<OrgAppSources> = {},
): AppRecord[] {
  return buildAppInventory([{ cloudId: SITE, installations, ...site }], {
    marketplace: answers,
    orgUsers: [adminUser, plainUser],
    ...org,
  });
}

/** The one app the records make. */
export function appOf(
  installations: InstallationRecord[],
  answers: MarketplaceRecord[] | undefined,
  site: Partial<SiteAppSources> = {},
  org: Partial<OrgAppSources> = {},
): AppRecord {
  const apps = inventoryOf(installations, answers, site, org);
  if (apps.length !== 1) throw new Error(`expected one app, got ${apps.length}`);
  return apps[0] as AppRecord;
}
