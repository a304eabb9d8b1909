import { createHash } from 'node:crypto';
import type {
  DcAppLink,
  DcGlobalPermission,
  DcPlugin,
  DcProduct,
  DcSecurity,
  DcSite,
  DcToken,
  DcUser,
} from './data-center-model.ts';

// Builds a Data Center site, `clean` (configured as Atlassian's hardening guides say) or
// `misconfigured` (the demo's planted problems, one line each below). Deterministic: the same
// spec and build instant give the same site, tokens included.
//
// Misconfigured, on both products:
//   1. an end-of-life version (Jira 8.20.10, EOL 2024-01-31; Confluence 7.19.8, EOL 2024-12-13)
//   2. anonymous access on (Jira: "Browse users and groups" for Anyone, the user picker answers
//      anonymously; Confluence: USECONFLUENCE for anonymous, anonymous remote API on)
//   3. public sign-up on
//   4. WebSudo (secure administrator sessions) off
//   5. no CAPTCHA after failed logins
//   6. too many system administrators (7 on Jira, 6 on Confluence)
//   7. an outdated user-installed app with an expired licence
//   8. a disabled security-relevant system plugin (Jira: WebSudo; Confluence: the audit plugin)
//   9. an application link to an unknown host
//  10. audit coverage off in most areas, retention of 30 days (Jira) / 7 days (Confluence)
//  11. password policy off, tokens without expiry allowed

export interface DataCenterSiteSpec {
  name: string;
  product: DcProduct;
  host: string;
  posture: 'clean' | 'misconfigured';
}

const DAY = 86_400_000;

function hash(...parts: string[]): string {
  return createHash('sha256').update(parts.join(':')).digest('hex');
}

/** A PAT the way Data Center shows one: 44 characters of base64. */
function patSecret(site: string, who: string): string {
  return createHash('sha256').update(`pat:${site}:${who}`).digest('base64').slice(0, 44);
}

function uuidFrom(seed: string): string {
  const h = hash(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const JIRA = {
  admins: 'jira-administrators',
  sysadmins: 'jira-system-administrators',
  users: 'jira-software-users',
} as const;
const CONFLUENCE = {
  admins: 'confluence-administrators',
  sysadmins: 'confluence-system-administrators',
  users: 'confluence-users',
} as const;

function groupsOf(product: DcProduct) {
  return product === 'jira-data-center' ? JIRA : CONFLUENCE;
}

function people(spec: DataCenterSiteSpec): DcUser[] {
  const g = groupsOf(spec.product);
  const bad = spec.posture === 'misconfigured';
  const user = (name: string, displayName: string, groups: string[], active = true): DcUser => ({
    name,
    displayName,
    email: `${name}@acme.example`,
    active,
    groups,
  });
  const list: DcUser[] = [
    user('dc.admin', 'Dana Admin', [g.sysadmins, g.admins, g.users]),
    user('rpatel', 'Ravi Patel', [g.admins, g.users]),
    user('jsmith', 'Jo Smith', [g.users]),
    user('mchen', 'Mei Chen', [g.users]),
    user('old.admin', 'Former Admin', [g.sysadmins], false),
  ];
  // Misconfigured: system administration handed out widely (6 more on Jira, 5 more on Confluence).
  const extra = bad ? (spec.product === 'jira-data-center' ? 6 : 5) : 1;
  const names = ['lgarcia', 'tnguyen', 'kobrien', 'sfischer', 'amartin', 'pkowalski'];
  for (const name of names.slice(0, extra)) {
    list.push(
      user(
        name,
        name.replace(/^(.)/, (c) => c.toUpperCase()),
        [g.sysadmins, g.users],
      ),
    );
  }
  return list;
}

function permissions(spec: DataCenterSiteSpec): DcGlobalPermission[] {
  const g = groupsOf(spec.product);
  const bad = spec.posture === 'misconfigured';
  const grant = (permission: string, groups: string[], anonymous = false): DcGlobalPermission => ({
    permission,
    groups,
    users: [],
    anonymous,
  });
  if (spec.product === 'jira-data-center') {
    return [
      grant('SYSTEM_ADMIN', [g.sysadmins]),
      grant('ADMINISTER', [g.admins]),
      grant('USE', [g.users]),
      // Misconfigured: "Browse users and groups" for Anyone — the user picker answers anonymously.
      grant('USER_PICKER', [g.users], bad),
      grant('CREATE_SHARED_OBJECTS', [g.users]),
      grant('BULK_CHANGE', [g.users]),
    ];
  }
  return [
    grant('SYSTEMADMINISTRATOR', [g.sysadmins]),
    grant('ADMINISTRATECONFLUENCE', [g.admins]),
    // Misconfigured: anonymous users may use Confluence.
    grant('USECONFLUENCE', [g.users], bad),
    grant('CREATESPACE', [g.users]),
    grant('PERSONALSPACE', [g.users]),
  ];
}

function security(spec: DataCenterSiteSpec): DcSecurity {
  const jira = spec.product === 'jira-data-center';
  if (spec.posture === 'misconfigured') {
    return {
      signupMode: 'public',
      captchaAfterFailedLogins: null,
      webSudoEnabled: false,
      webSudoTimeoutMinutes: 10,
      rememberMeEnabled: true,
      externalUserManagement: false,
      anonymousRemoteApi: !jira,
      passwordPolicy: {
        level: 'disabled',
        minimumLength: 0,
        minimumUppercase: 0,
        minimumLowercase: 0,
        minimumDigits: 0,
        minimumSpecial: 0,
      },
      accessTokens: { creationEnabled: true, eternalAllowed: true, maxExpiryDays: null },
    };
  }
  return {
    signupMode: jira ? 'private' : 'admin-only',
    captchaAfterFailedLogins: 3,
    webSudoEnabled: true,
    webSudoTimeoutMinutes: 10,
    rememberMeEnabled: false,
    externalUserManagement: true,
    anonymousRemoteApi: false,
    passwordPolicy: {
      level: 'secure',
      minimumLength: 12,
      minimumUppercase: 1,
      minimumLowercase: 1,
      minimumDigits: 1,
      minimumSpecial: 1,
    },
    accessTokens: { creationEnabled: true, eternalAllowed: false, maxExpiryDays: 90 },
  };
}

/** The system plugins every site carries, with the security-relevant ones among them. */
function systemPlugins(spec: DataCenterSiteSpec, version: string): DcPlugin[] {
  const jira = spec.product === 'jira-data-center';
  const bad = spec.posture === 'misconfigured';
  const atlassian = (key: string, name: string, enabled = true, optional = true): DcPlugin => ({
    key,
    name,
    version,
    description: `${name}, bundled with ${jira ? 'Jira' : 'Confluence'}`,
    vendorName: 'Atlassian',
    vendorUrl: 'https://www.atlassian.com/',
    enabled,
    userInstalled: false,
    optional,
  });
  if (jira) {
    return [
      atlassian('com.atlassian.jira.jira-core-plugins', 'Jira Core Plugins', true, false),
      // Misconfigured: the WebSudo plugin disabled (secure administrator sessions gone with it).
      atlassian('com.atlassian.jira.jira-websudo-plugin', 'Jira WebSudo Plugin', !bad),
      atlassian('com.atlassian.jira.jira-captcha-plugin', 'Jira CAPTCHA Plugin'),
      atlassian('com.atlassian.audit.atlassian-audit-plugin', 'Atlassian Audit Plugin'),
      atlassian('com.atlassian.pats.pats-plugin', 'Personal Access Tokens Plugin'),
      atlassian(
        'com.atlassian.plugins.authentication.atlassian-authentication-plugin',
        'Atlassian Authentication Plugin',
      ),
      atlassian(
        'com.atlassian.upm.atlassian-universal-plugin-manager-plugin',
        'Universal Plugin Manager',
        true,
        false,
      ),
    ];
  }
  return [
    atlassian('com.atlassian.confluence.plugins.confluence-core', 'Confluence Core', true, false),
    atlassian('com.atlassian.confluence.plugins.confluence-websudo', 'Confluence WebSudo'),
    atlassian('com.atlassian.confluence.plugins.confluence-captcha', 'Confluence CAPTCHA'),
    // Misconfigured: the audit plugin disabled.
    atlassian('com.atlassian.audit.atlassian-audit-plugin', 'Atlassian Audit Plugin', !bad),
    atlassian('com.atlassian.pats.pats-plugin', 'Personal Access Tokens Plugin'),
    atlassian(
      'com.atlassian.upm.atlassian-universal-plugin-manager-plugin',
      'Universal Plugin Manager',
      true,
      false,
    ),
  ];
}

function userApps(spec: DataCenterSiteSpec, builtAt: Date): DcPlugin[] {
  const at = (days: number) => new Date(builtAt.getTime() + days * DAY).toISOString();
  const jira = spec.product === 'jira-data-center';
  const licensed = (expiresInDays: number | null, evaluation = false) => ({
    valid: expiresInDays === null || expiresInDays > 0,
    evaluation,
    licenseType: evaluation ? 'EVALUATION' : 'COMMERCIAL',
    expiryDate: expiresInDays === null ? null : at(expiresInDays),
    maintenanceExpiryDate: at(expiresInDays ?? 200),
  });
  const current: DcPlugin = {
    key: jira ? 'com.harbortools.jira-workflow-toolkit' : 'com.harbortools.confluence-page-tree',
    name: jira ? 'Workflow Toolkit' : 'Page Tree Navigator',
    version: '5.2.0',
    description: 'A third-party app, kept current and licensed.',
    vendorName: 'Harbor Tools',
    vendorUrl: 'https://harbortools.example',
    enabled: true,
    userInstalled: true,
    optional: true,
    license: licensed(200),
    latestCompatibleVersion: '5.2.0',
  };
  if (spec.posture === 'clean') return [current];
  // Misconfigured: an app two major versions behind, whose licence ran out 60 days ago.
  const outdated: DcPlugin = {
    key: jira ? 'com.marlinworks.jira-excel-import' : 'com.marlinworks.confluence-pdf-export',
    name: jira ? 'Excel Importer' : 'PDF Exporter Pro',
    version: '2.1.0',
    description: 'A third-party app left behind: old version, expired licence.',
    vendorName: 'Marlin Works',
    vendorUrl: 'https://marlinworks.example',
    enabled: true,
    userInstalled: true,
    optional: true,
    license: licensed(-60),
    latestCompatibleVersion: '4.0.3',
  };
  return [current, outdated];
}

function appLinks(spec: DataCenterSiteSpec): DcAppLink[] {
  const jira = spec.product === 'jira-data-center';
  const known: DcAppLink = {
    id: uuidFrom(`${spec.name}:applink:peer`),
    name: jira ? 'Acme Confluence' : 'Acme Jira',
    typeId: jira ? 'confluence' : 'jira',
    displayUrl: jira ? 'https://confluence.acme-dc.example' : 'https://jira.acme-dc.example',
    rpcUrl: jira ? 'https://confluence.acme-dc.example' : 'https://jira.acme-dc.example',
    primary: true,
    system: false,
    outbound: ['com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider'],
    inbound: ['com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider'],
  };
  if (spec.posture === 'clean') return [known];
  // Misconfigured: a link to a host nobody at Acme runs, trusted and impersonating users.
  const unknown: DcAppLink = {
    id: uuidFrom(`${spec.name}:applink:unknown`),
    name: jira ? 'Legacy Bamboo' : 'Wiki Sync (partner)',
    typeId: jira ? 'bamboo' : 'generic',
    displayUrl: jira
      ? 'http://bamboo.old-contractor.example:8085'
      : 'https://wiki-sync.partner-cloud.example',
    rpcUrl: jira ? 'http://bamboo.old-contractor.example:8085' : 'https://wiki-sync.partner-cloud.example',
    primary: false,
    system: false,
    outbound: [
      'com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider',
      'com.atlassian.applinks.api.auth.types.TwoLeggedOAuthWithImpersonationAuthenticationProvider',
      'com.atlassian.applinks.api.auth.types.TrustedAppsAuthenticationProvider',
    ],
    inbound: ['com.atlassian.applinks.api.auth.types.BasicAuthenticationProvider'],
  };
  return [known, unknown];
}

const AUDIT_AREAS = [
  'AUDIT_LOG',
  'USER_MANAGEMENT',
  'PERMISSIONS',
  'SECURITY',
  'GLOBAL_CONFIG_AND_ADMINISTRATION',
  'LOCAL_CONFIG_AND_ADMINISTRATION',
  'APPS',
  'END_USER_ACTIVITY',
];

function audit(spec: DataCenterSiteSpec): DcSite['audit'] {
  if (spec.posture === 'clean') {
    return {
      levelByArea: Object.fromEntries(
        AUDIT_AREAS.map((a) => [a, a === 'END_USER_ACTIVITY' ? 'BASE' : 'ADVANCED']),
      ),
      retention: 'P3Y',
    };
  }
  // Misconfigured: only the audit log's own changes recorded, kept for days.
  return {
    levelByArea: Object.fromEntries(AUDIT_AREAS.map((a) => [a, a === 'AUDIT_LOG' ? 'BASE' : 'OFF'])),
    retention: spec.product === 'jira-data-center' ? 'P30D' : 'P7D',
  };
}

function tokens(spec: DataCenterSiteSpec, builtAt: Date, users: DcUser[]): DcToken[] {
  const at = (days: number) => new Date(builtAt.getTime() + days * DAY).toISOString();
  const token = (username: string, label: string, expiresInDays: number | null): DcToken => ({
    id: String(Number.parseInt(hash(spec.name, username, label).slice(0, 6), 16)),
    label,
    secret: patSecret(spec.name, username),
    username,
    createdAt: at(-20),
    expiresAt: expiresInDays === null ? null : at(expiresInDays),
  });
  const admin = users[0]?.name ?? 'dc.admin';
  return [
    token(admin, 'Palisade scan', 80),
    token('jsmith', 'Jo Smith scripts', spec.posture === 'clean' ? 30 : null),
  ];
}

const VERSIONS = {
  'jira-data-center': {
    misconfigured: { version: '8.20.10', buildNumber: 820010, buildDate: '2022-06-22T00:00:00.000+0000' },
    clean: { version: '11.3.2', buildNumber: 11030002, buildDate: '2026-01-20T00:00:00.000+0000' },
  },
  'confluence-data-center': {
    misconfigured: { version: '7.19.8', buildNumber: 8804, buildDate: '2023-04-20T00:00:00.000+0000' },
    clean: { version: '10.2.5', buildNumber: 10020005, buildDate: '2026-02-10T00:00:00.000+0000' },
  },
} as const;

export function dataCenterSite(spec: DataCenterSiteSpec, builtAt: Date): DcSite {
  const release = VERSIONS[spec.product][spec.posture];
  const g = groupsOf(spec.product);
  const users = people(spec);
  const jira = spec.product === 'jira-data-center';
  return {
    id: uuidFrom(`dc-site:${spec.name}`),
    name: spec.name,
    host: spec.host,
    product: spec.product,
    ...release,
    serverTitle: jira ? 'Acme Jira' : 'Acme Confluence',
    security: security(spec),
    users,
    groups: [g.sysadmins, g.admins, g.users],
    globalPermissions: permissions(spec),
    directories: [
      {
        id: '1',
        name: jira ? 'Jira Internal Directory' : 'Confluence Internal Directory',
        type: 'INTERNAL',
        implementation: null,
        active: true,
        secure: null,
      },
      {
        id: '10000',
        name: 'Acme Active Directory',
        type: 'CONNECTOR',
        implementation: 'Microsoft Active Directory',
        active: true,
        // Misconfigured sites still bind to LDAP in clear text.
        secure: spec.posture === 'clean',
      },
    ],
    appLinks: appLinks(spec),
    audit: audit(spec),
    plugins: [...systemPlugins(spec, release.version), ...userApps(spec, builtAt)],
    tokens: tokens(spec, builtAt, users),
    spaces: jira
      ? []
      : [
          { key: 'ENG', name: 'Engineering' },
          { key: 'HR', name: 'People' },
        ],
  };
}

/** The PAT of a site's administrator and of a plain user (what the start line hands out). */
export function dataCenterCredentials(site: DcSite): { admin: DcToken; user: DcToken } {
  const admin = site.tokens.find((t) => t.username === 'dc.admin');
  const user = site.tokens.find((t) => t.username === 'jsmith');
  if (!admin || !user) throw new Error(`Data Center site ${site.name} lacks the admin or user token`);
  return { admin, user };
}
