import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Organization datasets read with the org API key (admin API v1/v2, api.atlassian.com).

export const orgOrganization = defineDataset({
  name: 'org.organization',
  scope: 'org',
  kind: 'snapshot',
  holds: 'The organization: id and name.',
  endpoints: ['admin.orgs.get'],
  usedBy: ['reports (org name)'],
  schema: z.object({ id: z.string(), name: z.string() }),
  key: (r) => r.id,
});

/** The status recorded when the admin API leaves a domain's claim status out (never "unverified"). */
export const UNKNOWN_DOMAIN_STATUS = 'unknown';

export const orgDomains = defineDataset({
  name: 'org.domains',
  scope: 'org',
  kind: 'snapshot',
  holds: 'Each claimed domain with its verification status.',
  endpoints: ['admin.domains.list'],
  usedBy: ['org_domain_verified', 'org_accounts_claimed', 'org_external_users_reviewed'],
  schema: z.object({
    id: z.string(),
    name: z.string(),
    /** `dns` | `http`; null for an identity-provider claim. */
    claimType: z.string().nullable(),
    /** The admin API's lower-case status: `verified`, `unverified`, `missing_token`…; `unknown` when not given. */
    status: z.string(),
    verified: z.boolean(),
  }),
  key: (r) => r.id,
});

export const orgUsers = defineDataset({
  name: 'org.users',
  scope: 'org',
  kind: 'snapshot',
  holds:
    'Every Atlassian account in the org directories (managed or not): status, 2SV, roles, last activity.',
  endpoints: ['admin.directory.users.search', 'admin.directory.users.list'],
  usedBy: [
    'org_accounts_claimed',
    'org_admin_count_bounded',
    'org_admins_strong_auth',
    'org_no_dormant_managed_users',
    'org_no_dormant_admins',
    'org_external_users_reviewed',
    'org_2sv_enforced_non_sso',
    'app_user_installed (installer is an admin?)',
  ],
  schema: z.object({
    accountId: z.string(),
    accountType: z.string(),
    /** `active` | `inactive` | `closed`. */
    accountStatus: z.string(),
    /** `active` | `suspended` | `no_membership`. */
    membershipStatus: z.string().nullable(),
    /** The v2 lifecycle status: `active`, `suspended`, `not_invited`, `deactivated`… */
    status: z.string().nullable(),
    name: z.string(),
    /** Only the domain of the e-mail address: enough to tell staff from externals. */
    emailDomain: z.string().nullable(),
    emailVerified: z.boolean().nullable(),
    /** `managed` | `unmanaged`. */
    claimStatus: z.string().nullable(),
    /** `synced` (SCIM) | `invited` | null. */
    managementSource: z.string().nullable(),
    /** `atlassian/org-admin`, `atlassian/site-admin`, `atlassian/user-access-admin`… */
    platformRoles: z.array(z.string()),
    mfaEnabled: z.boolean().nullable(),
    addedToOrg: z.string().nullable(),
    lastActive: z.string().nullable(),
    /** How many product instances the account can use (`counts.resources`); 0 = no product access. */
    productAccessCount: z.number().int().nullable(),
  }),
  key: (r) => r.accountId,
});

export const orgGroups = defineDataset({
  name: 'org.groups',
  scope: 'org',
  kind: 'snapshot',
  holds: 'Directory groups with their member and product counts (memberships: see jira.group-members).',
  endpoints: ['admin.directory.groups.search', 'admin.directory.groups.list'],
  usedBy: ['org_scim_provisioning (synced groups)', 'reports'],
  schema: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    directoryId: z.string().nullable(),
    /** `admins` | `external` (IdP-synced) | `team-members`. */
    managedBy: z.string().nullable(),
    externalSynced: z.boolean(),
    memberCount: z.number().int().nullable(),
    resourceCount: z.number().int().nullable(),
  }),
  key: (r) => r.id,
});

const apiToken = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string().nullable(),
  lastAccess: z.string().nullable(),
  expiry: z.string().nullable(),
  /**
   * The scopes of a token created with scopes, `[]` for a classic one; absent or null where the
   * source does not say (the per-account endpoint).
   */
  scopes: z.array(z.string()).nullish(),
});

export const orgApiTokens = defineDataset({
  name: 'org.api-tokens',
  scope: 'org',
  kind: 'snapshot',
  holds:
    "One record per managed account whose API tokens were read: the tokens' ids, labels, dates and scopes (never a secret).",
  endpoints: ['admin.apiAccess.apiTokens.list', 'usermgmt.apiTokens.list'],
  usedBy: ['org_no_stale_api_tokens', 'org_no_expiring_api_credentials'],
  schema: z.object({
    accountId: z.string(),
    tokens: z.array(apiToken),
    /** The account whose API token Palisade itself scans with. */
    palisadeAccount: z.boolean().optional(),
  }),
  key: (r) => r.accountId,
});

export const orgApiKeys = defineDataset({
  name: 'org.api-keys',
  scope: 'org',
  kind: 'snapshot',
  holds: "The org's API keys (Settings → API keys): label, creator, dates and scopes (never a secret).",
  endpoints: ['admin.apiAccess.apiKeys.list'],
  usedBy: ['org_no_expiring_api_credentials'],
  schema: z.object({
    id: z.string(),
    label: z.string(),
    createdAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    /** To the day, like a token's last access. */
    lastActiveAt: z.string().nullable(),
    /** `[]` for a key created without scopes. */
    scopes: z.array(z.string()),
    creatorId: z.string().nullable(),
    creatorName: z.string().nullable(),
  }),
  key: (r) => r.id,
});

const eventObject = z.object({
  id: z.string(),
  type: z.string(),
  /** Primitive attributes only (name, key, product, siteId…), credential-looking ones dropped. */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

export const orgEvents = defineDataset({
  name: 'org.events',
  scope: 'org',
  kind: 'append',
  holds: 'Org audit events (app installs, role grants, policy changes…), newest read incrementally.',
  endpoints: ['admin.events.list'],
  usedBy: ['org_audit_log_retained', 'app_user_installed', 'apps.installations (installer, install time)'],
  schema: z.object({
    id: z.string(),
    time: z.string(),
    action: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    context: z.array(eventObject),
    container: z.array(eventObject),
    ip: z.string().nullable(),
  }),
  key: (r) => r.id,
});

export const orgPolicies = defineDataset({
  name: 'org.policies',
  scope: 'org',
  kind: 'snapshot',
  holds: 'IP allowlist and data residency policies with their status and the resources they apply to.',
  endpoints: ['admin.policies.list'],
  usedBy: ['org_ip_allowlist_enabled', 'org_data_residency_pinned'],
  schema: z.object({
    id: z.string(),
    /** `ip-allowlist` | `data-residency` | … */
    type: z.string(),
    name: z.string().nullable(),
    /** `enabled` | `disabled`. */
    status: z.string(),
    enabled: z.boolean(),
    /** The rule's list: IP ranges for an allowlist, regions for data residency. */
    ruleValues: z.array(z.string()),
    resources: z.array(z.object({ id: z.string(), applicationStatus: z.string().nullable() })),
  }),
  key: (r) => r.id,
});

export const orgDirectories = defineDataset({
  name: 'org.directories',
  scope: 'org',
  kind: 'snapshot',
  holds: 'User directories of the org (the Atlassian one and any SCIM-provisioned ones).',
  endpoints: ['admin.directories.list'],
  usedBy: ['org_scim_provisioning'],
  schema: z.object({ id: z.string(), name: z.string() }),
  key: (r) => r.id,
});

export const orgWorkspaces = defineDataset({
  name: 'org.workspaces',
  scope: 'org',
  kind: 'snapshot',
  holds:
    'Product instances (one per product of each site): product, site cloud id, URL, status, usage, sandbox.',
  endpoints: ['admin.workspaces.search'],
  usedBy: [
    'site discovery (renamed sites)',
    'org_all_sites_scanned (and report coverage)',
    'org_data_residency_pinned (coverage)',
    'plan-awareness',
  ],
  schema: z.object({
    /** The product's site ARI, `ari:cloud:jira::site/<cloudId>`. */
    id: z.string(),
    cloudId: z.string().nullable(),
    product: z.string().nullable(),
    name: z.string(),
    typeKey: z.string().nullable(),
    status: z.string().nullable(),
    hostUrl: z.string().nullable(),
    usage: z.number().nullable(),
    /** A sandbox site (`attributes.sandbox.type` `CHILD`), not a production one. */
    sandbox: z.boolean(),
  }),
  key: (r) => r.id,
});
