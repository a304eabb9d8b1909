import type { DcSite } from './data-center-model.ts';

// The in-memory model of one simulated Atlassian Cloud organization. Everything the simulator
// serves is rendered from these records, so a field exists here only when some endpoint shows it.
// Times are ISO-8601 strings (UTC); ids follow Atlassian's formats (numeric strings for Jira,
// UUIDs for cloud ids and directory objects, 24-hex account ids).

import type { BitbucketWorkspace } from './bitbucket-model.ts';

export type AccountType = 'atlassian' | 'app' | 'customer';
export type AccountStatus = 'active' | 'inactive' | 'closed';
export type PlatformRole =
  | 'atlassian/org-admin'
  | 'atlassian/site-admin'
  | 'atlassian/user-access-admin'
  | 'atlassian/ai-access';

export interface User {
  accountId: string;
  accountType: AccountType;
  accountStatus: AccountStatus;
  /** Org membership state (v2 `membershipStatus`). */
  membershipStatus: 'active' | 'suspended' | 'no_membership';
  name: string;
  nickname: string;
  email: string;
  emailVerified: boolean;
  /** `managed` when the e-mail is at a verified domain and the account was claimed. */
  claimStatus: 'managed' | 'unmanaged';
  managementSource: 'synced' | 'invited' | null;
  platformRoles: PlatformRole[];
  mfaEnabled: boolean;
  addedToOrg: string;
  lastActive: string | null;
  jobTitle: string | null;
  department: string | null;
  timeZone: string;
  /** Site ids (cloud ids) this user has product access on, with the product keys. */
  productAccess: { siteId: string; product: 'jira' | 'confluence'; lastActive: string | null }[];
  /** Set for app accounts: the key of the app this account belongs to. */
  appKey?: string;
}

export interface Group {
  id: string; // UUID, as in Jira's groupId and the v2 directory
  name: string;
  description: string;
  memberIds: string[];
  /** Product access the group confers: `user` (product access), `admin` (product admin), `site-admin`. */
  grants: { siteId: string; product: 'jira' | 'confluence'; role: 'user' | 'admin' | 'site-admin' }[];
  managedBy: 'admins' | 'external' | 'team-members';
}

export interface Domain {
  id: string;
  name: string;
  claim: { type: 'dns' | 'http' | 'idp'; status: 'VERIFIED' | 'PENDING' | 'FAILED' };
}

export interface Policy {
  id: string;
  type: 'ip-allowlist' | 'data-residency';
  name: string;
  status: 'enabled' | 'disabled';
  rule: Record<string, unknown>;
  resources: { id: string; meta: Record<string, unknown> }[];
}

export interface Directory {
  directoryId: string;
  name: string;
  /** `scim` when users are provisioned from an identity provider. */
  type: 'atlassian' | 'scim';
}

export interface OrgEvent {
  id: string;
  time: string;
  action: string;
  actor: { id: string; name: string };
  context: { id: string; type: string; attributes: Record<string, unknown> }[];
  container: { id: string; type: string; attributes: Record<string, unknown> }[];
  location: { ip: string; geo: string } | null;
}

export interface ApiToken {
  id: string;
  accountId: string;
  label: string;
  /** The secret. Only the simulator and the printed credentials know it. */
  secret: string;
  createdAt: string;
  lastAccess: string | null;
  expiry: string | null;
  revoked: boolean;
  /**
   * A token created with scopes (classic 3LO scope names here): accepted only through the gateway
   * `/ex/{product}/{cloudId}`, for endpoints those scopes cover; absent for a classic token, which
   * works on the site host only.
   */
  scopes?: string[];
}

export interface OrgApiKey {
  id: string;
  label: string;
  secret: string;
  /** Unscoped keys can call every admin API; scoped keys only what their scopes allow. */
  scopes: string[] | null;
  createdAt: string;
  expiry: string | null;
  lastUsed: string | null;
  revoked: boolean;
}

export interface Org {
  id: string;
  name: string;
}

// ---- Jira --------------------------------------------------------------------------------------

export type HolderType =
  | 'anyone'
  | 'applicationRole'
  | 'assignee'
  | 'group'
  | 'projectLead'
  | 'projectRole'
  | 'reporter'
  | 'user'
  | 'sd.customer.portal.only';

export interface PermissionGrant {
  id: number;
  permission: string;
  holder: { type: HolderType; parameter?: string; value?: string };
}

export interface PermissionScheme {
  id: number;
  name: string;
  description: string;
  grants: PermissionGrant[];
}

export interface RoleDefinition {
  id: number;
  name: string;
  description: string;
  admin: boolean;
}

export interface RoleActors {
  roleId: number;
  userIds: string[];
  groupIds: string[];
}

export interface Project {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'software' | 'service_desk' | 'business';
  simplified: boolean;
  isPrivate: boolean;
  leadAccountId: string;
  permissionSchemeId: number;
  issueSecuritySchemeId: number | null;
  roles: RoleActors[];
  archived: boolean;
  totalIssueCount: number;
  lastIssueUpdateTime: string;
}

export interface SharePermission {
  id: number;
  type: 'global' | 'loggedin' | 'authenticated' | 'group' | 'project' | 'projectRole' | 'user';
  projectId?: string;
  roleId?: number;
  groupId?: string;
  accountId?: string;
}

export interface Filter {
  id: string;
  name: string;
  description: string;
  jql: string;
  ownerAccountId: string;
  sharePermissions: SharePermission[];
}

export interface Dashboard {
  id: string;
  name: string;
  description: string;
  ownerAccountId: string;
  sharePermissions: SharePermission[];
}

export interface IssueSecurityScheme {
  id: number;
  name: string;
  description: string;
  levels: { id: string; name: string; description: string; isDefault: boolean }[];
}

export interface JiraField {
  id: string;
  name: string;
  custom: boolean;
  schemaType: string;
  /** For custom fields: `com.atlassian.jira.plugin.system.customfieldtypes:textfield`, or an app's type. */
  customType?: string;
}

export interface JiraAuditRecord {
  id: number;
  summary: string;
  created: string;
  category: string;
  eventSource: string;
  authorAccountId: string;
  remoteAddress: string;
  objectItem: { id: string; name: string; typeName: string };
  changedValues: { fieldName: string; changedFrom: string; changedTo: string }[];
  description?: string;
}

export interface ApplicationProperty {
  id: string;
  key: string;
  value: string;
  name: string;
  desc: string;
  type: 'string' | 'boolean' | 'number' | 'select';
  defaultValue: string;
}

export type JiraPlan = 'FREE' | 'STANDARD' | 'PREMIUM' | 'ENTERPRISE';

export interface JiraSite {
  plan: JiraPlan;
  projects: Project[];
  permissionSchemes: PermissionScheme[];
  roles: RoleDefinition[];
  filters: Filter[];
  dashboards: Dashboard[];
  issueSecuritySchemes: IssueSecurityScheme[];
  fields: JiraField[];
  audit: JiraAuditRecord[];
  applicationProperties: ApplicationProperty[];
  /** Global permissions held by anonymous (e.g. USER_PICKER when "Browse users" is public). */
  anonymousGlobalPermissions: string[];
  configuration: { votingEnabled: boolean; watchingEnabled: boolean; attachmentsEnabled: boolean };
}

// ---- Confluence --------------------------------------------------------------------------------

export type ConfluencePlan = 'FREE' | 'STANDARD' | 'PREMIUM' | 'ENTERPRISE';

export interface SpacePermission {
  id: string;
  subject:
    | { type: 'user'; accountId: string }
    | { type: 'group'; groupId: string }
    | { type: 'anonymous' }
    | { type: 'unlicensed' };
  operation: { key: string; targetType: string };
}

export interface Space {
  id: string; // numeric string, v2 id
  key: string;
  name: string;
  type: 'global' | 'personal' | 'collaboration' | 'knowledge_base';
  status: 'current' | 'archived';
  authorId: string;
  createdAt: string;
  homepageId: string;
  description: string;
  permissions: SpacePermission[];
}

export interface ConfluenceAuditRecord {
  authorAccountId: string;
  remoteAddress: string;
  creationDate: number; // epoch ms, as Confluence v1 returns it
  summary: string;
  description: string;
  category: string;
  sysAdmin: boolean;
  affectedObject: { name: string; objectType: string };
  changedValues: { name: string; oldValue: string; newValue: string }[];
}

export interface ConfluenceSite {
  plan: ConfluencePlan;
  spaces: Space[];
  /** Site-wide anonymous operations (`use` on `application` = anonymous access is on). */
  anonymousOperations: { operation: string; targetType: string }[];
  audit: ConfluenceAuditRecord[];
  /**
   * "Anonymous access to remote API" (Security configuration): absent or true = on, as Atlassian
   * ships it; false = every unauthenticated REST call is a 401, whatever `anonymousOperations` allow
   * in the browser.
   */
  anonymousRemoteApi?: boolean;
}

export interface Site {
  /** The cloud id. */
  id: string;
  /** Sub-domain: `acme` for acme.atlassian.net. */
  name: string;
  title: string;
  createdAt: string;
  jira?: JiraSite;
  confluence?: ConfluenceSite;
  /** A sandbox (a child of a production site): the admin API's workspaces say `sandbox.type: CHILD`. */
  sandbox?: boolean;
}

/**
 * A host that answers every request with a 301 to another host: the old name of a renamed site,
 * a custom domain, or a name that now points at another organization's site. `to` names a site
 * of this tenant or one of its `foreignSites`.
 */
export interface HostRedirect {
  from: string;
  to: string;
}

/**
 * A site of another organization: it answers `/_edge/tenant_info` with its own cloud id and
 * refuses everything else (the credentials Palisade holds belong to this tenant).
 */
export interface ForeignSite {
  name: string;
  cloudId: string;
}

// ---- Apps --------------------------------------------------------------------------------------

export type AppFramework = 'connect' | 'forge' | 'system';

export interface AppVendor {
  /** Marketplace vendor id, absent for unlisted vendors. */
  id?: number;
  name: string;
  url: string;
}

/** An app as its vendor ships it (one record across every site it is installed on). */
export interface App {
  key: string;
  name: string;
  description: string;
  version: string;
  framework: AppFramework;
  /** Forge / Connect-on-Forge app id (UUID); absent for pure Connect and system apps. */
  appId?: string;
  vendor: AppVendor;
  /** Connect scopes (READ, WRITE, …, ACT_AS_USER) or Forge scopes (read:jira-work, …). */
  scopes: string[];
  /** Connect `baseUrl` (remote host); Forge external fetch domains. */
  baseUrl?: string;
  egress: string[];
  /** Listed on the Marketplace (false for private, development-mode and unknown apps). */
  listed: boolean;
  /** Installed through development mode (descriptor URL), not the Marketplace. */
  developmentMode: boolean;
  products: ('jira' | 'confluence')[];
}

export interface Installation {
  appKey: string;
  siteId: string;
  product: 'jira' | 'confluence';
  enabled: boolean;
  userInstalled: boolean;
  installedAt: string;
  installedBy: string; // accountId
  /** The app's own account (accountType `app`) on the site. */
  appAccountId: string;
  license: {
    active: boolean;
    type: 'COMMERCIAL' | 'EVALUATION' | 'FREE' | 'NONE';
    evaluation: boolean;
  } | null;
  /** Forge environment type as the GraphQL gateway reports it. */
  environment: 'PRODUCTION' | 'STAGING' | 'DEVELOPMENT';
}

export interface MarketplaceVendor {
  id: number;
  name: string;
  isAtlassian: boolean;
  topVendor: 'approved' | 'not-requested' | 'rejected';
  cloudSecurityApproved: boolean;
  homePage: string;
  email: string;
}

export interface MarketplaceListing {
  appKey: string;
  id: number;
  vendorId: number;
  cloudFortified: 'approved' | 'rejected' | 'not-requested';
  bugBounty: 'approved' | 'not-requested';
  storesPersonalData: boolean;
  totalInstalls: number;
  totalUsers: number;
  downloads: number;
  averageStars: number;
  reviewCount: number;
  lastReleaseDate: string;
  paymentModel: 'atlassian' | 'free' | 'vendor';
  /** Privacy & security tab answers. */
  privacy: {
    storesDataOutsideAtlassian: boolean;
    sharesWithThirdParties: boolean;
    dataResidencySupported: boolean;
    diskEncryption: boolean;
    subProcessors: string[];
  } | null;
}

// ---- OAuth 2.0 (3LO) ---------------------------------------------------------------------------

export interface OAuthClient {
  clientId: string;
  secret: string;
  name: string;
  redirectUris: string[];
}

// ---- The tenant --------------------------------------------------------------------------------

export interface Tenant {
  /** Bitbucket Cloud workspaces (one per generated org; absent in hand-written tenants). */
  bitbucket?: BitbucketWorkspace[];
  /**
   * The instant the tenant was built at (ISO): every date in it is relative to this, so the
   * simulator's clock starts here (a tenant built at a fixed date is served at that date).
   */
  builtAt: string;
  org: Org;
  users: User[];
  groups: Group[];
  domains: Domain[];
  policies: Policy[];
  directories: Directory[];
  events: OrgEvent[];
  apiTokens: ApiToken[];
  orgApiKeys: OrgApiKey[];
  sites: Site[];
  apps: App[];
  installations: Installation[];
  marketplace: { vendors: MarketplaceVendor[]; listings: MarketplaceListing[] };
  oauthClients: OAuthClient[];
  /** Hosts that redirect elsewhere (renamed sites, custom domains); none by default. */
  redirects?: HostRedirect[];
  /** Other organizations' sites a redirect may point at; none by default. */
  foreignSites?: ForeignSite[];
  /** Jira and Confluence Data Center sites (self-hosted, one listener each); none by default. */
  dataCenterSites?: DcSite[];
  /** Credentials handed to the operator when the simulator starts (ids into the lists above). */
  credentials: {
    adminAccountId: string;
    adminTokenId: string;
    memberAccountId: string;
    memberTokenId: string;
    /** The admin's API token with scopes (it works through the gateway only). */
    scopedTokenId?: string;
    orgApiKeyId: string;
    scopedOrgApiKeyId: string;
    oauthClientId: string;
  };
}
