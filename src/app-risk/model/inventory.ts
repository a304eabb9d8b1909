import type {
  AppAccount,
  AppDistribution,
  AppEgress,
  AppFramework,
  AppInstallation,
  AppInstaller,
  AppLicense,
  AppRecord,
  ConfluenceAuditRecord,
  DataCenterPluginRecord,
  GroupMemberRecord,
  InstallationRecord,
  JiraAuditRecord,
  JiraGroupRecord,
  JiraUserRecord,
  MarketplaceRecord,
  MarketplaceSignals,
  OrgEventRecord,
  OrgUserRecord,
  ProjectRoleRecord,
  UpmPluginRecord,
} from './app.ts';

// The app inventory, built from the stored datasets without any API call: the sync's derived
// `apps.installations` (UPM + GraphQL gateway + install facts from the audit trails) enriched with
// the Marketplace answer for the installed version (scopes of Connect apps, trust programmes),
// UPM (licensing), the app's own account (jira.users, group memberships, project roles), the
// installer's roles (org.users, admin groups) and activity from the audit trails.
// Pure: the caller reads the datasets (src/scan/app-inventory.ts, or a rule's context). A source given as
// `undefined` was not readable; what depends on it becomes unknown, never a default.

/**
 * The datasets the inventory reads beside `apps.installations`. Each only enriches some apps (the
 * Marketplace, UPM, the app accounts, the installers' roles, the audit trails), so each is optional
 * to the app rules: a source not read completely makes what depends on it unknown.
 */
export const APP_OPTIONAL_DATASETS = [
  'apps.marketplace',
  'apps.upm-jira',
  'apps.upm-confluence',
  'jira.users',
  'jira.group-members',
  'jira.groups',
  'jira.project-roles',
  'jira.audit',
  'confluence.audit',
  'org.users',
  'org.events',
] as const;

export type AppOptionalDataset = (typeof APP_OPTIONAL_DATASETS)[number];

/** Every dataset the inventory reads: the Cloud app datasets, and UPM's list on a Data Center instance. */
export const APP_DATASETS = ['apps.installations', ...APP_OPTIONAL_DATASETS, 'dc.plugins'] as const;

/** A Jira or Confluence Data Center instance: one site, the plugins its UPM lists. */
export interface DataCenterAppSources {
  cloudId: string;
  /** The instance's name (its host), for what people read. */
  name?: string | undefined;
  plugins: readonly DataCenterPluginRecord[];
}

export interface SiteAppSources {
  cloudId: string;
  /** The site's name (`acme` for acme.atlassian.net), for what people read; the id when unknown. */
  name?: string | undefined;
  installations: readonly InstallationRecord[];
  upmJira?: readonly UpmPluginRecord[] | undefined;
  upmConfluence?: readonly UpmPluginRecord[] | undefined;
  jiraUsers?: readonly JiraUserRecord[] | undefined;
  groupMembers?: readonly GroupMemberRecord[] | undefined;
  groups?: readonly JiraGroupRecord[] | undefined;
  projectRoles?: readonly ProjectRoleRecord[] | undefined;
  jiraAudit?: readonly JiraAuditRecord[] | undefined;
  confluenceAudit?: readonly ConfluenceAuditRecord[] | undefined;
}

export interface OrgAppSources {
  /** undefined: the Marketplace dataset could not be read (say why in `marketplaceReason`). */
  marketplace?: readonly MarketplaceRecord[] | undefined;
  marketplaceReason?: string | undefined;
  orgUsers?: readonly OrgUserRecord[] | undefined;
  orgEvents?: readonly OrgEventRecord[] | undefined;
}

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/** Atlassian's own hosts are not egress (product APIs, the Forge platform, its CDN). */
const ATLASSIAN_HOST = /(^|\.)(atlassian\.(com|net)|atl-paas\.net|atlassian-dev\.net|atlassian-fex\.net)$/;

/** `https://*.example.com:443/path` → `*.example.com`. */
export function egressHost(entry: string): string {
  return entry
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '');
}

export function isAtlassianHost(host: string): boolean {
  return ATLASSIAN_HOST.test(host.replace(/^\*\./, ''));
}

/** Marketplace signals without an answer: every trust fact unknown, the status saying why. */
function noMarketplaceAnswer(
  status: MarketplaceSignals['status'],
  reason: string | null,
): MarketplaceSignals {
  return {
    status,
    reason,
    isAtlassian: null,
    cloudFortified: null,
    bugBounty: null,
    topVendor: null,
    cloudSecurityParticipant: null,
    installs: null,
    reviews: null,
    stars: null,
    latestVersion: null,
    lastReleaseDate: null,
    storesPersonalData: null,
    storesDataOutsideAtlassian: null,
    privacy: null,
    declaredScopes: [],
    readAt: null,
  };
}

function marketplaceSignals(
  org: OrgAppSources,
  byKey: Map<string, MarketplaceRecord> | undefined,
  appKey: string,
  version: string | null,
): MarketplaceSignals {
  const empty = noMarketplaceAnswer('unavailable', null);
  if (!byKey) {
    return {
      ...empty,
      reason: org.marketplaceReason ?? 'the Marketplace data could not be read in this sync',
    };
  }
  const m = byKey.get(`${appKey}@${version ?? ''}`);
  if (!m) {
    return {
      ...empty,
      status: 'not-looked-up',
      reason: appKey.startsWith('forge:')
        ? 'UPM does not list this Forge app, so the Marketplace was not asked about it'
        : `the Marketplace holds no answer for version ${version ?? '(none)'} of this app`,
    };
  }
  if (!m.listed) return { ...empty, status: 'unlisted', readAt: m.readAt };
  const approved = (s: string | null) => (s === null ? null : norm(s) === 'approved');
  return {
    status: 'listed',
    reason: null,
    isAtlassian: m.isAtlassian,
    cloudFortified: approved(m.cloudFortified),
    bugBounty: approved(m.bugBounty),
    topVendor: approved(m.topVendor),
    cloudSecurityParticipant: m.cloudSecurityApproved,
    installs: m.totalInstalls,
    reviews: m.reviewCount,
    stars: m.averageStars,
    latestVersion: m.latestVersion,
    lastReleaseDate: m.lastReleaseDate,
    storesPersonalData: m.storesPersonalData,
    storesDataOutsideAtlassian: m.privacy?.storesDataOutsideAtlassian ?? null,
    privacy: m.privacy ? { ...m.privacy } : null,
    declaredScopes: [...m.declaredScopes],
    readAt: m.readAt,
  };
}

/** A plugin by Atlassian is `system` (Atlassian-built), any other `plugin`. */
const pluginFramework = (vendorName: string | null): AppFramework =>
  /^atlassian\b/i.test(vendorName ?? '') ? 'system' : 'plugin';

function frameworkOf(r: InstallationRecord): AppFramework {
  return r.framework === 'plugin' ? pluginFramework(r.vendorName) : r.framework;
}

function egressOf(framework: AppFramework, r: InstallationRecord, gatewayRead: boolean): AppEgress {
  if (framework === 'connect') return { kind: 'vendor-hosted', domains: [], wildcard: false };
  if (framework === 'forge' && gatewayRead) {
    const domains = [...new Set(r.egress.map(egressHost))].filter((h) => h && !isAtlassianHost(h)).sort();
    return {
      kind: domains.length > 0 ? 'declared' : 'none',
      domains,
      wildcard: domains.some((d) => d.includes('*')),
    };
  }
  return { kind: 'unknown', domains: [], wildcard: false };
}

function licenseOf(
  framework: AppFramework,
  r: InstallationRecord,
  gatewayRead: boolean,
  plugin: UpmPluginRecord | undefined,
): AppLicense {
  const l = r.license;
  if (l) {
    const state =
      l.active === false
        ? 'expired'
        : l.evaluation === true
          ? 'evaluation'
          : norm(l.type) === 'free'
            ? 'free'
            : l.active === true
              ? 'active'
              : 'unknown';
    // The installation carries UPM's licence for a Connect app or plugin whose page served one
    // (src/sync/collectors/apps-installations.ts), the gateway's otherwise.
    const fromUpm = framework !== 'forge' && plugin?.license != null;
    return { state, type: l.type, source: fromUpm ? 'upm' : 'forge-gateway' };
  }
  // The gateway answers `license: null` for an app that needs none.
  if (framework === 'forge' && gatewayRead) return { state: 'none', type: null, source: 'forge-gateway' };
  // UPM's list says whether a plugin is licensed; the licence itself is on the per-plugin page,
  // read for installed apps that use licensing: a licensed app whose page served none (or a sync
  // from before those reads) stays unknown.
  if (plugin?.usesLicensing === false) return { state: 'none', type: null, source: 'upm' };
  return { state: 'unknown', type: null, source: null };
}

function distributionOf(environmentType: string | null, m: MarketplaceSignals): AppDistribution {
  const env = norm(environmentType);
  if (env === 'development' || env === 'staging') return 'development';
  if (m.status === 'listed') return 'marketplace';
  if (m.status === 'unlisted') return 'unlisted';
  return 'unknown';
}

function newestOf(a: { at: string; source: string } | null, at: string | null | undefined, source: string) {
  if (!at || Number.isNaN(Date.parse(at))) return a;
  return !a || Date.parse(at) > Date.parse(a.at) ? { at, source } : a;
}

/** Lookups built once per site, so enriching each installation does not rescan every dataset. */
interface SiteIndex {
  groupsById: Map<string, JiraGroupRecord>;
  usersById: Map<string, JiraUserRecord>;
  orgUsersById: Map<string, OrgUserRecord> | undefined;
  membersByAccount: Map<string, GroupMemberRecord[]>;
  rolesByAccount: Map<string, ProjectRoleRecord[]>;
  /** The newest activity per account: org directory, audit records they authored, org events. */
  activityByAccount: Map<string, { at: string; source: string }>;
  /** Newest "App disabled" / "App enabled" per product and normalized app key or name. */
  appToggles: Map<string, { disabled: string | null; enabled: string | null }>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexSite(site: SiteAppSources, org: OrgAppSources): SiteIndex {
  const membersByAccount = new Map<string, GroupMemberRecord[]>();
  for (const m of site.groupMembers ?? []) push(membersByAccount, m.accountId, m);
  const rolesByAccount = new Map<string, ProjectRoleRecord[]>();
  for (const pr of site.projectRoles ?? []) {
    for (const id of new Set(pr.actors.map((a) => a.accountId))) if (id) push(rolesByAccount, id, pr);
  }
  const activityByAccount = new Map<string, { at: string; source: string }>();
  const seen = (id: string | null, at: string | null | undefined, source: string) => {
    if (!id) return;
    const next = newestOf(activityByAccount.get(id) ?? null, at, source);
    if (next) activityByAccount.set(id, next);
  };
  for (const u of org.orgUsers ?? []) seen(u.accountId, u.lastActive, 'org.users lastActive');
  for (const a of site.jiraAudit ?? []) seen(a.authorAccountId, a.created, 'jira.audit');
  for (const a of site.confluenceAudit ?? []) seen(a.authorAccountId, a.created, 'confluence.audit');
  for (const e of org.orgEvents ?? []) seen(e.actorId, e.time, 'org.events');
  const appToggles = new Map<string, { disabled: string | null; enabled: string | null }>();
  const toggle = (product: string, id: string | null, summary: string, at: string) => {
    const s = norm(summary);
    if (!id || (s !== 'app disabled' && s !== 'app enabled')) return;
    const key = `${product}:${norm(id)}`;
    const t = appToggles.get(key) ?? { disabled: null, enabled: null };
    if (s === 'app disabled' && (!t.disabled || at > t.disabled)) t.disabled = at;
    if (s === 'app enabled' && (!t.enabled || at > t.enabled)) t.enabled = at;
    appToggles.set(key, t);
  };
  for (const a of site.jiraAudit ?? []) {
    if (norm(a.category) !== 'apps') continue;
    toggle('jira', a.objectId, a.summary, a.created);
    if (a.objectName !== a.objectId) toggle('jira', a.objectName, a.summary, a.created);
  }
  for (const a of site.confluenceAudit ?? []) {
    if (norm(a.category) === 'apps') toggle('confluence', a.affectedObjectName, a.summary, a.created);
  }
  return {
    groupsById: new Map((site.groups ?? []).map((g) => [g.groupId, g])),
    usersById: new Map((site.jiraUsers ?? []).map((u) => [u.accountId, u])),
    orgUsersById: org.orgUsers ? new Map(org.orgUsers.map((u) => [u.accountId, u])) : undefined,
    membersByAccount,
    rolesByAccount,
    activityByAccount,
    appToggles,
  };
}

function installerOf(r: InstallationRecord, site: SiteAppSources, index: SiteIndex): AppInstaller | null {
  if (!r.installedBy && !r.installedByName) return null;
  const id = r.installedBy;
  const orgUser = id ? index.orgUsersById?.get(id) : undefined;
  const roleAdmin = orgUser
    ? orgUser.platformRoles.some((p) => p === 'atlassian/org-admin' || p === 'atlassian/site-admin')
    : false;
  const groupAdmin =
    id && site.groupMembers && site.groups
      ? (index.membersByAccount.get(id) ?? []).some((m) => {
          const access = index.groupsById.get(m.groupId)?.accessTypes ?? [];
          // Jira admin groups administer Jira only; site-admin groups administer every product.
          return access.includes('site-admin') || (r.product === 'jira' && access.includes('admin'));
        })
      : false;
  const canTell = Boolean(orgUser) || Boolean(site.groupMembers && site.groups);
  const isAdmin = roleAdmin || groupAdmin ? true : id && canTell ? false : null;
  let active: boolean | null = null;
  if (orgUser) {
    const status = norm(orgUser.status);
    active =
      norm(orgUser.accountStatus) === 'active' && !['deactivated', 'suspended', 'closed'].includes(status);
  } else if (id && index.usersById.has(id)) {
    active = index.usersById.get(id)?.active ?? null;
  }
  return { accountId: id, name: r.installedByName, isAdmin, active, source: r.installSource };
}

function appAccountOf(r: InstallationRecord, index: SiteIndex): AppAccount | null {
  const id = r.appAccountId;
  if (!id) return null;
  const groups = (index.membersByAccount.get(id) ?? [])
    .map((m) => ({
      name: m.groupName,
      accessTypes: [...(index.groupsById.get(m.groupId)?.accessTypes ?? [])],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const projectRoles = (index.rolesByAccount.get(id) ?? [])
    .map((pr) => ({ projectKey: pr.projectKey, roleName: pr.roleName, admin: pr.admin }))
    .sort((a, b) => a.projectKey.localeCompare(b.projectKey) || a.roleName.localeCompare(b.roleName));
  return { accountId: id, active: index.usersById.get(id)?.active ?? null, groups, projectRoles };
}

/** When a disabled app was disabled: the newest "App disabled" record not followed by "App enabled". */
function disabledSinceOf(r: InstallationRecord, index: SiteIndex): string | null {
  if (r.enabled !== false) return null;
  let disabled: string | null = null;
  let enabled: string | null = null;
  for (const id of [r.appKey, r.name]) {
    const t = index.appToggles.get(`${r.product}:${norm(id)}`);
    if (t?.disabled && (!disabled || t.disabled > disabled)) disabled = t.disabled;
    if (t?.enabled && (!enabled || t.enabled > enabled)) enabled = t.enabled;
  }
  return disabled && enabled && enabled > disabled ? null : disabled;
}

/** Every app installation of one site, enriched. */
export function buildSiteInstallations(site: SiteAppSources, org: OrgAppSources): AppInstallation[] {
  const marketplace = org.marketplace
    ? new Map(org.marketplace.map((m) => [`${m.appKey}@${m.version ?? ''}`, m]))
    : undefined;
  const index = indexSite(site, org);
  const upm = {
    jira: new Map((site.upmJira ?? []).map((p) => [p.key, p])),
    confluence: new Map((site.upmConfluence ?? []).map((p) => [p.key, p])),
  };
  const out = site.installations.map((r): AppInstallation => {
    const framework = frameworkOf(r);
    // A Forge installation matched to the gateway carries its app id, scopes and egress from there.
    const gatewayRead = r.appId !== null && framework === 'forge';
    const signals = marketplaceSignals(org, marketplace, r.appKey, r.version);
    const marketplaceScopes = signals.status === 'listed' && signals.declaredScopes.length > 0;
    const scopesSource = gatewayRead ? 'forge-gateway' : marketplaceScopes ? 'marketplace' : null;
    const installer = installerOf(r, site, index);
    const installKind =
      r.userInstalled === true || installer?.isAdmin === false
        ? 'user'
        : installer?.isAdmin === true
          ? 'admin'
          : 'unknown';
    return {
      siteId: site.cloudId,
      siteName: site.name ?? null,
      product: r.product,
      appKey: r.appKey,
      appId: r.appId,
      name: r.name,
      vendorName: r.vendorName,
      framework,
      version: r.version,
      enabled: r.enabled,
      environmentType: r.environmentType,
      distribution: distributionOf(r.environmentType, signals),
      installedAt: r.installedAt,
      installer,
      installKind,
      userInstalledFlag: r.userInstalled,
      scopes:
        scopesSource === 'forge-gateway'
          ? [...r.scopes].sort()
          : scopesSource === 'marketplace'
            ? [...signals.declaredScopes].sort()
            : [],
      scopesSource,
      egress: egressOf(framework, r, gatewayRead),
      license: licenseOf(framework, r, gatewayRead, upm[r.product].get(r.appKey)),
      appAccount: appAccountOf(r, index),
      lastActivity: r.appAccountId ? (index.activityByAccount.get(r.appAccountId) ?? null) : null,
      disabledSince: disabledSinceOf(r, index),
      marketplace: signals,
      dataCenter: null,
    };
  });
  return out.sort((a, b) => a.product.localeCompare(b.product) || a.appKey.localeCompare(b.appKey));
}

/** UPM licence status words that mean the licence no longer holds (as the dc_*_apps_licensed rules read them). */
const DC_LICENSE_LAPSED = new Set(['EXPIRED', 'EVALUATION_EXPIRED', 'INVALID', 'VERSION_MISMATCH']);

function dataCenterLicense(p: DataCenterPluginRecord): AppLicense {
  if (!p.usesLicensing) return { state: 'none', type: null, source: 'upm' };
  const l = p.license;
  // Uses licensing but UPM holds no licence: unlicensed, which UPM treats as not usable.
  if (l === null) return { state: 'expired', type: null, source: 'upm' };
  const status = l.status?.toUpperCase() ?? null;
  const lapsed = l.valid === false || (status !== null && DC_LICENSE_LAPSED.has(status));
  const state = lapsed
    ? 'expired'
    : l.evaluation === true
      ? 'evaluation'
      : l.valid === true || status === 'ACTIVE'
        ? 'active'
        : 'unknown';
  return { state, type: l.type, source: 'upm' };
}

const DC_PRODUCT = { 'jira-data-center': 'jira', 'confluence-data-center': 'confluence' } as const;

/**
 * The apps of a Data Center instance: every user-installed plugin UPM lists. Bundled (system)
 * plugins are the product itself and are left out, as the Cloud inventory leaves out Atlassian's
 * optional system plugins (src/sync/collectors/app-plugins.ts `isInstalledApp`); a user-installed
 * plugin by Atlassian is `system`, as on Cloud. A P2 plugin has no scopes: it runs inside the
 * product's JVM (`in-process`), so its capability is known to be everything. UPM does not say who
 * installed it, when, or where it sends data, and Palisade does not ask the Marketplace about Data
 * Center plugins: those stay unknown. Only administrators can install through UPM on Data Center,
 * so the install is an admin's (`installKind: admin`), the person unknown (`installer: null`).
 */
export function buildDataCenterInstallations(site: DataCenterAppSources): AppInstallation[] {
  const notAsked = noMarketplaceAnswer(
    'not-looked-up',
    'Palisade does not look Data Center plugins up on the Marketplace',
  );
  return site.plugins
    .filter((p) => p.userInstalled && !p.system)
    .map(
      (p): AppInstallation => ({
        siteId: site.cloudId,
        siteName: site.name ?? null,
        product: DC_PRODUCT[p.product],
        appKey: p.key,
        appId: null,
        name: p.name,
        vendorName: p.vendorName,
        framework: pluginFramework(p.vendorName),
        version: p.version,
        enabled: p.enabled,
        environmentType: null,
        // UPM's update check asks the Marketplace: a newer compatible version there is a listing.
        // Anything else (current, no update check, a private plugin) is not evidence either way.
        distribution: p.updateAvailable === true ? 'marketplace' : 'unknown',
        installedAt: null,
        installer: null,
        installKind: 'admin',
        userInstalledFlag: p.userInstalled,
        scopes: [],
        scopesSource: 'in-process',
        egress: { kind: 'unknown', domains: [], wildcard: false },
        license: dataCenterLicense(p),
        appAccount: null,
        lastActivity: null,
        disabledSince: null,
        marketplace: notAsked,
        dataCenter: {
          product: p.product,
          latestCompatibleVersion: p.latestVersion,
          updateAvailable: p.updateAvailable,
          licenseStatus: p.license?.status ?? null,
          licenseExpiry: p.license?.expiryDate ?? null,
        },
      }),
    )
    .sort((a, b) => a.product.localeCompare(b.product) || a.appKey.localeCompare(b.appKey));
}

const DISTRIBUTION_RISK: Record<AppDistribution, number> = {
  marketplace: 0,
  unknown: 1,
  unlisted: 2,
  development: 3,
};
const EGRESS_RISK: Record<AppEgress['kind'], number> = {
  none: 0,
  unknown: 1,
  'vendor-hosted': 2,
  declared: 3,
};
const SIGNAL_PREFERENCE: Record<MarketplaceSignals['status'], number> = {
  listed: 0,
  unlisted: 1,
  'not-looked-up': 2,
  unavailable: 3,
};

/** The org-wide view of one app key from its installations (non-empty). */
export function appRecordOf(installations: readonly AppInstallation[]): AppRecord {
  const first = installations[0];
  if (!first) throw new Error('appRecordOf needs at least one installation');
  const readable = installations.filter((i) => i.scopesSource !== null);
  const egressKind = installations
    .map((i) => i.egress.kind)
    .reduce((a, b) => (EGRESS_RISK[b] > EGRESS_RISK[a] ? b : a));
  const domains = [...new Set(installations.flatMap((i) => i.egress.domains))].sort();
  const distribution = installations
    .map((i) => i.distribution)
    .reduce((a, b) => (DISTRIBUTION_RISK[b] > DISTRIBUTION_RISK[a] ? b : a));
  const marketplace = [...installations].sort(
    (a, b) => SIGNAL_PREFERENCE[a.marketplace.status] - SIGNAL_PREFERENCE[b.marketplace.status],
  )[0]?.marketplace as MarketplaceSignals;
  return {
    appKey: first.appKey,
    appId: installations.find((i) => i.appId)?.appId ?? null,
    name: first.name,
    vendorName: installations.find((i) => i.vendorName)?.vendorName ?? null,
    framework: first.framework,
    installations: [...installations],
    versions: [...new Set(installations.map((i) => i.version).filter((v): v is string => v !== null))].sort(),
    scopes: [...new Set(readable.flatMap((i) => i.scopes))].sort(),
    scopesReadable: readable.length > 0,
    egress: { kind: egressKind, domains, wildcard: domains.some((d) => d.includes('*')) },
    distribution,
    marketplace,
  };
}

/** The organization's app inventory: one record per app key, its installations on every site. */
export function buildAppInventory(
  sites: readonly SiteAppSources[],
  org: OrgAppSources,
  dataCenter: readonly DataCenterAppSources[] = [],
): AppRecord[] {
  const byKey = new Map<string, AppInstallation[]>();
  const all = [
    ...sites.flatMap((site) => buildSiteInstallations(site, org)),
    ...dataCenter.flatMap(buildDataCenterInstallations),
  ];
  for (const installation of all) {
    const list = byKey.get(installation.appKey) ?? [];
    list.push(installation);
    byKey.set(installation.appKey, list);
  }
  return [...byKey.keys()].sort().map((key) => appRecordOf(byKey.get(key) as AppInstallation[]));
}
