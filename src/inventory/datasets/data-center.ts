import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Jira Data Center and Confluence Data Center: one self-hosted product per base URL (the operator
// allow-lists it), read with a personal access token (`Authorization: Bearer`). Every dataset
// covers both products, so each record says which product it came from (`product`); a DC site
// holds exactly one of them. Fields are null where the product or its version does not expose the
// fact over REST (the check then says "unknown", or asks for an attestation).
//
// Sources: Jira Server platform REST API (https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/),
// Confluence Server REST API (https://docs.atlassian.com/ConfluenceServer/rest/8.5.0/), the
// auditing REST API of both (https://developer.atlassian.com/server/jira/platform/auditing-rest-api/),
// application links (`/rest/applinks/3.0/`), and UPM's REST resource `/rest/plugins/1.0/`
// (https://developer.atlassian.com/platform/marketplace/upm-rest-api/ — no OpenAPI document).

/** The two Data Center products (the rule areas carry the same names). */
export const DATA_CENTER_PRODUCTS = ['jira-data-center', 'confluence-data-center'] as const;
export type DataCenterProduct = (typeof DATA_CENTER_PRODUCTS)[number];

export function isDataCenterProduct(product: string): product is DataCenterProduct {
  return (DATA_CENTER_PRODUCTS as readonly string[]).includes(product);
}

/** The products' names as people read them ("Jira Data Center"). */
export const DATA_CENTER_PRODUCT_NAMES: Readonly<Record<DataCenterProduct, string>> = {
  'jira-data-center': 'Jira Data Center',
  'confluence-data-center': 'Confluence Data Center',
};
const product = z.enum(DATA_CENTER_PRODUCTS);

/**
 * System plugins that carry a security control: disabling one turns the control off even when the
 * setting still says "on" (a disabled `…websudo` plugin means no secure administrator sessions).
 * Keys as UPM lists them (best known from Atlassian's bundled-plugin listings; a key missing here
 * only means the plugin gets no role). The collector sets `securityRole` from this list.
 */
export const DATA_CENTER_SECURITY_PLUGINS: Readonly<Record<string, SecurityRole>> = {
  // Secure administrator sessions (WebSudo): Jira, Confluence.
  'com.atlassian.jira.jira-websudo-plugin': 'websudo',
  'com.atlassian.confluence.plugins.confluence-websudo': 'websudo',
  // CAPTCHA after failed logins.
  'com.atlassian.jira.jira-captcha-plugin': 'captcha',
  'com.atlassian.confluence.plugins.confluence-captcha': 'captcha',
  // The audit log (Advanced auditing, DC 8.8+/7.5+).
  'com.atlassian.audit.atlassian-audit-plugin': 'audit',
  'com.atlassian.jira.plugins.jira-auditing-plugin': 'audit',
  // Password policy (Jira's "Password Policy" system plugin).
  'com.atlassian.jira.plugins.jira-password-policy-plugin': 'password-policy',
  // Personal access tokens (their policy: expiry, who may create them).
  'com.atlassian.pats.pats-plugin': 'access-tokens',
  // SAML / OIDC single sign-on (Atlassian's SSO for Data Center).
  'com.atlassian.plugins.authentication.atlassian-authentication-plugin': 'authentication',
  // Rate limiting (Jira DC 8.6+, Confluence DC 7.18+).
  'com.atlassian.ratelimiting.rate-limiting-plugin': 'rate-limiting',
};

/** What a security-relevant system plugin protects (open: the list may grow). */
export type SecurityRole =
  | 'websudo'
  | 'captcha'
  | 'audit'
  | 'password-policy'
  | 'access-tokens'
  | 'authentication'
  | 'rate-limiting';

/** Every DC dataset is read per site (one base URL) and may run on either product's site. */
const shared = {
  scope: 'site',
  kind: 'snapshot',
  products: DATA_CENTER_PRODUCTS,
} as const;

const adminOnly = {
  needs: 'product-admin',
  without: 'forbidden',
  why: 'Jira and Confluence Data Center answer 403 to anyone who is not an administrator',
} as const;

export const dcServerInfo = defineDataset({
  ...shared,
  name: 'dc.server-info',
  holds: 'The product, version, build number, deployment type and base URL of the Data Center site.',
  endpoints: ['dc.jira.serverInfo.get', 'dc.confluence.manifest.get'],
  usedBy: ['dc_version_supported', 'reports'],
  schema: z.object({
    product,
    /** The base URL the product says it has (Jira `baseUrl`; Confluence the applinks manifest `url`). */
    baseUrl: z.string(),
    /** `9.12.4`. */
    version: z.string(),
    /** `[9, 12, 4]` (derived from `version` when the product sends none). */
    versionNumbers: z.array(z.number()),
    buildNumber: z.number().nullable(),
    /** ISO-8601 date of the build, when sent. */
    buildDate: z.string().nullable(),
    /** As the product says it: Jira `Server` on both Server and Data Center; Confluence none (null). */
    deploymentType: z.string().nullable(),
    serverTitle: z.string().nullable(),
  }),
  key: () => 'server-info',
});

export const dcSecuritySettings = defineDataset({
  ...shared,
  name: 'dc.security-settings',
  holds:
    'The security settings of the site: anonymous access, public sign-up, CAPTCHA after failed logins, ' +
    'secure administrator sessions (WebSudo), remember-me, external user management.',
  endpoints: [
    'dc.jira.applicationProperties.list',
    'dc.jira.userPicker.search',
    'dc.confluence.securitySettings.get',
    'dc.confluence.space.list',
  ],
  usedBy: [
    'dc_anonymous_exposure',
    'dc_public_signup_disabled',
    'dc_captcha_enabled',
    'dc_websudo_enabled',
    'dc_remember_me',
  ],
  access: adminOnly,
  schema: z.object({
    product,
    /**
     * Anonymous users may use the product: Jira — the global `BROWSE`/`USE` permission held by
     * anyone (see `dc.global-permissions`); Confluence — "Anonymous access" (the `USECONFLUENCE`
     * global permission for anonymous users). Null: not readable.
     */
    anonymousAccess: z.boolean().nullable(),
    /** The user picker answered an unauthenticated request with users (user enumeration, CVE-2019-8449 class). */
    anonymousUserPicker: z.boolean().nullable(),
    /** Confluence's "Anonymous access to remote API" (null on Jira). */
    anonymousRemoteApi: z.boolean().nullable(),
    /** Anyone may sign up (Jira `jira.mode` = `public`; Confluence "Allow people to sign up" = public). */
    publicSignup: z.boolean().nullable(),
    /** The product's own word for the sign-up mode: Jira `public`|`private`; Confluence `public`|`trusted-domains`|`admin-only` (open). */
    signupMode: z.string().nullable(),
    /** A CAPTCHA is shown after failed logins. */
    captchaEnabled: z.boolean().nullable(),
    /** After how many failed logins (Jira `jira.maximum.authentication.attempts.allowed`; Confluence "Maximum authentication attempts allowed"). */
    captchaAfterFailedLogins: z.number().nullable(),
    /** Secure administrator sessions (WebSudo) are on. */
    webSudoEnabled: z.boolean().nullable(),
    /** Minutes a secure administrator session lasts (Jira default 10, Confluence default 10). */
    webSudoTimeoutMinutes: z.number().nullable(),
    /** "Remember my login" is offered on the login page. */
    rememberMeEnabled: z.boolean().nullable(),
    /** Days the remember-me cookie lasts (null: unknown or the product default). */
    rememberMeDays: z.number().nullable(),
    /** Users are managed outside the product (Jira `jira.option.user.externalmanagement`). */
    externalUserManagement: z.boolean().nullable(),
  }),
  key: (r) => `${r.product}:security-settings`,
});

export const dcPasswordPolicy = defineDataset({
  ...shared,
  name: 'dc.password-policy',
  holds: 'The password policy of the internal directory: whether one is on and what it requires.',
  endpoints: [
    'dc.jira.passwordPolicy.list',
    'dc.jira.applicationProperties.list',
    'dc.confluence.securitySettings.get',
  ],
  usedBy: ['dc_password_policy'],
  access: adminOnly,
  // Field names avoid the word the credential guard looks for (secret-keys.ts): this is a policy,
  // never a secret.
  schema: z.object({
    product,
    /** A policy is enforced at all. */
    enabled: z.boolean().nullable(),
    /** Jira's levels `disabled`|`basic`|`secure`|`custom`; Confluence `custom` when on (open). */
    level: z.string().nullable(),
    minimumLength: z.number().nullable(),
    minimumUppercase: z.number().nullable(),
    minimumLowercase: z.number().nullable(),
    minimumDigits: z.number().nullable(),
    minimumSpecial: z.number().nullable(),
  }),
  key: (r) => `${r.product}:policy`,
});

export const dcGlobalPermissions = defineDataset({
  ...shared,
  name: 'dc.global-permissions',
  holds:
    'Every global permission with who holds it: groups, users, anonymous users (Jira "Anyone"; Confluence anonymous) and all logged-in users.',
  endpoints: ['dc.jira.globalPermissions.list', 'dc.confluence.globalPermissions.list'],
  usedBy: ['dc_anonymous_exposure', 'dc_global_permissions_broad', 'dc_admin_count'],
  access: adminOnly,
  schema: z.object({
    product,
    /** Jira `ADMINISTER`, `SYSTEM_ADMIN`, `USE`, `BROWSE_USERS`, `CREATE_SHARED_OBJECTS`…; Confluence `ADMINISTRATECONFLUENCE`, `SYSTEMADMINISTRATOR`, `USECONFLUENCE`, `CREATESPACE`… (open). */
    permission: z.string(),
    groups: z.array(z.string()),
    /** User names (DC user keys are not shown to people). */
    users: z.array(z.string()),
    /** Held by anonymous users (Jira's group "Anyone"). */
    anonymous: z.boolean(),
    /** Held by every logged-in user (a group every account is in: `jira-software-users` aside, Confluence "all logged-in users"). */
    allLoggedIn: z.boolean(),
  }),
  key: (r) => `${r.product}:${r.permission}`,
});

export const dcAdmins = defineDataset({
  ...shared,
  name: 'dc.admins',
  holds:
    'Who holds the administrator and system administrator rights: the groups granting each and their distinct active members.',
  endpoints: [
    'dc.jira.globalPermissions.list',
    'dc.jira.groupMembers.list',
    'dc.confluence.globalPermissions.list',
    'dc.confluence.groupMembers.list',
  ],
  usedBy: ['dc_admin_count', 'dc_sysadmin_count'],
  access: adminOnly,
  schema: z.object({
    product,
    /** `admin` (Jira ADMINISTER, Confluence ADMINISTRATECONFLUENCE) or `system-admin` (SYSTEM_ADMIN, SYSTEMADMINISTRATOR). */
    right: z.enum(['admin', 'system-admin']),
    /** The groups granting it (Confluence: `confluence-administrators` among them by default). */
    groups: z.array(z.string()),
    /** Distinct active members of those groups plus users granted it directly. */
    count: z.number(),
    /** Their user names, sorted (at most 200; `count` is the true number). */
    usernames: z.array(z.string()),
    /** Inactive accounts that still hold it (not in `count`). */
    inactiveCount: z.number(),
  }),
  key: (r) => `${r.product}:${r.right}`,
});

export const dcAuditSettings = defineDataset({
  ...shared,
  name: 'dc.audit-settings',
  holds: 'How much the audit log records (coverage per area) and how long it keeps it.',
  endpoints: ['dc.audit.coverage.get', 'dc.audit.retention.get'],
  usedBy: ['dc_audit_coverage', 'dc_audit_retention'],
  access: adminOnly,
  schema: z.object({
    product,
    /** The lowest level any area records: `OFF` < `BASE` < `ADVANCED` < `FULL` (open). */
    coverageLevel: z.string(),
    areas: z.array(z.object({ area: z.string(), level: z.string() })),
    /** Retention normalised to days (the API says e.g. `{period: 3, units: "YEARS"}`). */
    retentionDays: z.number().nullable(),
  }),
  key: (r) => `${r.product}:audit`,
});

export const dcUserDirectories = defineDataset({
  ...shared,
  name: 'dc.user-directories',
  holds: 'The user directories in order: internal, LDAP, Active Directory, Crowd, Jira — active or not.',
  endpoints: ['dc.jira.userDirectories.list', 'dc.confluence.userDirectories.list'],
  usedBy: ['dc_user_directories', 'reports'],
  access: adminOnly,
  schema: z.object({
    product,
    id: z.string(),
    name: z.string(),
    /** `INTERNAL`, `DELEGATING`, `CONNECTOR` (LDAP/AD), `CROWD`, `CUSTOM` (open). */
    type: z.string(),
    /** The implementation, e.g. `Microsoft Active Directory` (null for internal). */
    implementation: z.string().nullable(),
    active: z.boolean(),
    /** Position in the directory order, 1 first (the first directory holding a user wins). */
    order: z.number(),
    /** LDAP over TLS (`ldaps`/StartTLS); null where not applicable. */
    secureConnection: z.boolean().nullable(),
  }),
  key: (r) => `${r.product}:${r.id}`,
});

export const dcApplicationLinks = defineDataset({
  ...shared,
  name: 'dc.application-links',
  holds: 'Application links to other applications: where they point and how they authenticate.',
  endpoints: ['dc.applinks.list'],
  usedBy: ['dc_application_links', 'reports'],
  access: adminOnly,
  schema: z.object({
    product,
    id: z.string(),
    name: z.string(),
    /** `jira`, `confluence`, `bamboo`, `bitbucket`, `fecru`, `generic` (open). */
    type: z.string(),
    displayUrl: z.string(),
    rpcUrl: z.string(),
    /** The host `rpcUrl` names, lower-case (what the checks compare with known hosts). */
    host: z.string(),
    primary: z.boolean(),
    /** The link is a system link (created by the product, e.g. to its own cluster). */
    system: z.boolean(),
    /** Outgoing and incoming authentication: OAuth, OAuth with impersonation, trusted applications, basic. */
    oauth: z.boolean().nullable(),
    oauthImpersonation: z.boolean().nullable(),
    trustedApps: z.boolean().nullable(),
    basicAccess: z.boolean().nullable(),
  }),
  key: (r) => `${r.product}:${r.id}`,
});

export const dcLicense = z.object({
  /** The licence is valid now (UPM `valid`). */
  valid: z.boolean().nullable(),
  /** `COMMERCIAL`, `ACADEMIC`, `EVALUATION`, `COMMUNITY`, `DEVELOPER` … (open). */
  type: z.string().nullable(),
  evaluation: z.boolean().nullable(),
  /** ISO-8601 (UTC): when the licence (subscription or evaluation) ends. */
  expiryDate: z.string().nullable(),
  /** ISO-8601 (UTC): when maintenance (updates, support) ends. */
  maintenanceExpiryDate: z.string().nullable(),
  /** UPM's status word: `ACTIVE`, `EXPIRED`, `MAINTENANCE_EXPIRED`, `EVALUATION_EXPIRED`, `VERSION_MISMATCH` … (open). */
  status: z.string().nullable(),
});

export const dcPlugins = defineDataset({
  ...shared,
  name: 'dc.plugins',
  holds:
    'Every plugin the Universal Plugin Manager lists, system and user-installed, with version, vendor, ' +
    'licence, the latest version compatible with this product version and the security role of system plugins.',
  endpoints: ['dc.upm.plugins.list', 'dc.upm.plugin.get', 'dc.upm.updates.list'],
  usedBy: [
    'dc_apps_user_installed',
    'dc_plugins_current',
    'dc_app_license_expired',
    'dc_security_plugins_enabled',
    'apps inventory',
  ],
  access: { ...adminOnly, why: 'UPM answers 401 to anyone who may not manage the apps' },
  schema: z.object({
    product,
    key: z.string(),
    name: z.string(),
    version: z.string().nullable(),
    vendorName: z.string().nullable(),
    vendorUrl: z.string().nullable(),
    enabled: z.boolean(),
    /** UPM's flag: installed by someone, not bundled with the product. */
    userInstalled: z.boolean(),
    /** `!userInstalled`: a system (bundled) plugin. */
    system: z.boolean(),
    /** Required system plugins are not optional (UPM refuses to disable them). */
    optional: z.boolean(),
    usesLicensing: z.boolean(),
    /** User-installed apps that use licensing: the licence UPM holds (null: none entered). */
    license: dcLicense.nullable(),
    /** The newest version compatible with this product version, per UPM's update check; null = unknown. */
    latestVersion: z.string().nullable(),
    /** `latestVersion` is newer than `version`. Null when unknown. */
    updateAvailable: z.boolean().nullable(),
    /** System plugins that carry a security control (DATA_CENTER_SECURITY_PLUGINS); null otherwise. */
    securityRole: z.string().nullable(),
  }),
  key: (r) => `${r.product}:${r.key}`,
});

export const dcAccessTokenPolicy = defineDataset({
  ...shared,
  name: 'dc.access-token-policy',
  holds:
    'The personal access token policy: whether people may create them, and the longest lifetime allowed.',
  endpoints: ['dc.jira.applicationProperties.list', 'dc.confluence.securitySettings.get'],
  usedBy: ['dc_pat_expiry'],
  access: adminOnly,
  schema: z.object({
    product,
    /** The policy could be read at all (older versions keep it in system properties: false). */
    exposed: z.boolean(),
    /** People may create personal access tokens. */
    creationEnabled: z.boolean().nullable(),
    /** Tokens must expire. */
    expiryRequired: z.boolean().nullable(),
    /** The longest lifetime a new token may have, in days (null: no limit or unknown). */
    maxExpiryDays: z.number().nullable(),
  }),
  key: (r) => `${r.product}:pat-policy`,
});
