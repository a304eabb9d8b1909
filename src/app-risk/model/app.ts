import type {
  appsInstallations,
  appsMarketplace,
  appsUpmJira,
  confluenceAudit,
  DataCenterProduct,
  dcPlugins,
  jiraAudit,
  jiraGroupMembers,
  jiraGroups,
  jiraProjectRoles,
  jiraUsers,
  orgEvents,
  orgUsers,
  RecordOf,
} from '../../inventory/datasets/index.ts';

// The app inventory's types: what Palisade knows about each installed app, built from the stored
// datasets (inventory.ts). Every field that a source may fail to provide is nullable or carries
// an explicit `unknown`, so scoring and checks can say "unknown because…" instead of guessing.

export type InstallationRecord = RecordOf<typeof appsInstallations>;
export type MarketplaceRecord = RecordOf<typeof appsMarketplace>;
export type UpmPluginRecord = RecordOf<typeof appsUpmJira>;
export type DataCenterPluginRecord = RecordOf<typeof dcPlugins>;
export type JiraUserRecord = RecordOf<typeof jiraUsers>;
export type GroupMemberRecord = RecordOf<typeof jiraGroupMembers>;
export type JiraGroupRecord = RecordOf<typeof jiraGroups>;
export type ProjectRoleRecord = RecordOf<typeof jiraProjectRoles>;
export type OrgUserRecord = RecordOf<typeof orgUsers>;
export type OrgEventRecord = RecordOf<typeof orgEvents>;
export type JiraAuditRecord = RecordOf<typeof jiraAudit>;
export type ConfluenceAuditRecord = RecordOf<typeof confluenceAudit>;

export type AppProduct = 'jira' | 'confluence';

/**
 * `oauth-3lo`: an OAuth 2.0 (3LO) integration. Atlassian lists those only in admin.atlassian.com
 * (no public API), so no stored dataset produces one yet; the type keeps the slot.
 * `system`: an Atlassian-built plugin UPM lists as optional; `plugin`: a third-party UPM plugin
 * that is neither Connect nor Forge.
 */
export const APP_FRAMEWORKS = ['connect', 'forge', 'oauth-3lo', 'system', 'plugin'] as const;
export type AppFramework = (typeof APP_FRAMEWORKS)[number];

/** Where the app comes from: the Marketplace, unlisted (private / unknown), development mode. */
export type AppDistribution = 'marketplace' | 'unlisted' | 'development' | 'unknown';

export interface MarketplaceSignals {
  /**
   * `listed` / `unlisted`: the Marketplace answered. `unavailable`: the Marketplace dataset could not
   * be read (outage, failed sync). `not-looked-up`: read, but it holds no answer for this app and
   * version. The last two make every trust factor `unknown`, never trusted.
   */
  status: 'listed' | 'unlisted' | 'unavailable' | 'not-looked-up';
  /** Why the signals are unknown, for `unavailable` / `not-looked-up`. */
  reason: string | null;
  isAtlassian: boolean | null;
  cloudFortified: boolean | null;
  bugBounty: boolean | null;
  topVendor: boolean | null;
  /** The legacy vendor-level Cloud Security Participant flag. */
  cloudSecurityParticipant: boolean | null;
  installs: number | null;
  reviews: number | null;
  stars: number | null;
  latestVersion: string | null;
  lastReleaseDate: string | null;
  storesPersonalData: boolean | null;
  storesDataOutsideAtlassian: boolean | null;
  /** The listing's Privacy & Security answers; null when the vendor published none (or no listing). */
  privacy: MarketplaceRecord['privacy'];
  declaredScopes: string[];
  /** When the Marketplace was read for this answer. */
  readAt: string | null;
}

export interface AppEgress {
  /**
   * `vendor-hosted`: a Connect app (its base URL is the vendor's server; UPM does not expose it).
   * `declared`: a Forge app with egress permissions. `none`: a Forge app with no egress ("runs on
   * Atlassian"). `unknown`: nothing says.
   */
  kind: 'vendor-hosted' | 'declared' | 'none' | 'unknown';
  /** Non-Atlassian egress domains (Forge); empty for Connect (base URL not readable). */
  domains: string[];
  wildcard: boolean;
}

export type LicenseState = 'active' | 'evaluation' | 'expired' | 'free' | 'none' | 'unknown';

export interface AppLicense {
  state: LicenseState;
  type: string | null;
  /** Where the state came from; null when unknown. */
  source: 'forge-gateway' | 'upm' | null;
}

export interface AppInstaller {
  accountId: string | null;
  name: string | null;
  /** Org admin, site admin or product admin on the site; null when the sources to tell are missing. */
  isAdmin: boolean | null;
  /** The account is active; false when deactivated or closed; null when unknown. */
  active: boolean | null;
  source: InstallationRecord['installSource'];
}

export interface AppAccount {
  accountId: string;
  active: boolean | null;
  /** Groups it belongs to among those the sync reads (site-admin, admin and product access groups). */
  groups: { name: string; accessTypes: string[] }[];
  projectRoles: { projectKey: string; roleName: string; admin: boolean | null }[];
}

/** One app on one site and product. */
export interface AppInstallation {
  siteId: string;
  /** The site's name, for what people read (risk factors name sites by it); null when unknown. */
  siteName: string | null;
  product: AppProduct;
  appKey: string;
  appId: string | null;
  name: string;
  vendorName: string | null;
  framework: AppFramework;
  version: string | null;
  enabled: boolean | null;
  environmentType: string | null;
  distribution: AppDistribution;
  installedAt: string | null;
  installer: AppInstaller | null;
  /** `user`: UPM says user-installed, or the installer is not an admin. */
  installKind: 'admin' | 'user' | 'unknown';
  /** UPM's userInstalled flag as read. */
  userInstalledFlag: boolean | null;
  /** The granted scopes; meaningful only when `scopesSource` is not null. */
  scopes: string[];
  /**
   * null: the scopes are not readable (unlisted Connect app, Marketplace unavailable…).
   * `in-process`: a Data Center plugin, which has no scopes: it runs inside the product's JVM with
   * everything the product can reach (its data, its database, the host), so `scopes` is empty and
   * its capability is known, not unreadable.
   */
  scopesSource: 'forge-gateway' | 'marketplace' | 'in-process' | null;
  egress: AppEgress;
  license: AppLicense;
  appAccount: AppAccount | null;
  /** The newest sign of the app doing something (its account's activity, audit records it authored). */
  lastActivity: { at: string; source: string } | null;
  /** For a disabled app: when it was disabled (audit), if known. */
  disabledSince: string | null;
  marketplace: MarketplaceSignals;
  /** A plugin of a Jira or Confluence Data Center instance (`dc.plugins`); null on Cloud. */
  dataCenter: DataCenterFacts | null;
}

/** What UPM of a Data Center instance says about a plugin beyond what a Cloud app has. */
export interface DataCenterFacts {
  product: DataCenterProduct;
  /** The newest version compatible with this product version (UPM's update check); null: unknown. */
  latestCompatibleVersion: string | null;
  /** A newer compatible version exists; null when UPM's update check was not read. */
  updateAvailable: boolean | null;
  /** UPM's licence status word (`ACTIVE`, `EXPIRED`…), as read. */
  licenseStatus: string | null;
  licenseExpiry: string | null;
}

/** One app across the organization: every installation of one app key. */
export interface AppRecord {
  appKey: string;
  appId: string | null;
  name: string;
  vendorName: string | null;
  framework: AppFramework;
  installations: AppInstallation[];
  /** Distinct installed versions. */
  versions: string[];
  /** Union of the readable scopes of every installation. */
  scopes: string[];
  /** At least one installation's scopes are readable. */
  scopesReadable: boolean;
  egress: AppEgress;
  distribution: AppDistribution;
  marketplace: MarketplaceSignals;
}
