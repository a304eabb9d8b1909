// A Jira or Confluence Data Center site: one self-hosted product at a base URL its operator
// chose, with its own users, groups, settings, plugins and personal access tokens (nothing is
// shared with the Cloud organization). The simulator serves each on a listener of its own.

export type DcProduct = 'jira-data-center' | 'confluence-data-center';

export interface DcUser {
  /** The user name people sign in with (`jsmith`); also the key the REST APIs name. */
  name: string;
  displayName: string;
  email: string;
  active: boolean;
  /** Names of the groups the user is in. */
  groups: string[];
}

/** A personal access token (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html). */
export interface DcToken {
  id: string;
  label: string;
  /** What the holder sends as `Authorization: Bearer <secret>`. */
  secret: string;
  username: string;
  createdAt: string;
  /** null: the token never expires. */
  expiresAt: string | null;
  revoked?: boolean;
}

/** A global permission and who holds it. */
export interface DcGlobalPermission {
  /** Jira `ADMINISTER`, `SYSTEM_ADMIN`, `USE`…; Confluence `ADMINISTRATECONFLUENCE`, `SYSTEMADMINISTRATOR`, `USECONFLUENCE`… */
  permission: string;
  groups: string[];
  users: string[];
  /** Held by anonymous users (Jira's "Anyone"). */
  anonymous: boolean;
}

export interface DcDirectory {
  id: string;
  name: string;
  /** `INTERNAL`, `DELEGATING`, `CONNECTOR`, `CROWD`, `CUSTOM`. */
  type: string;
  implementation: string | null;
  active: boolean;
  /** LDAP over TLS; null where not applicable. */
  secure: boolean | null;
}

export interface DcAppLink {
  id: string;
  name: string;
  /** `jira`, `confluence`, `bamboo`, `bitbucket`, `fecru`, `generic`. */
  typeId: string;
  displayUrl: string;
  rpcUrl: string;
  primary: boolean;
  system: boolean;
  /** Authentication provider classes configured on the link (applinks' `configuredAuthProviders`). */
  outbound: string[];
  inbound: string[];
}

export interface DcLicense {
  valid: boolean;
  evaluation: boolean;
  /** `COMMERCIAL`, `ACADEMIC`, `EVALUATION`, `COMMUNITY`, `DEVELOPER`. */
  licenseType: string;
  /** ISO instants; null for perpetual licences (expiry) or none (maintenance). */
  expiryDate: string | null;
  maintenanceExpiryDate: string | null;
}

export interface DcPlugin {
  key: string;
  name: string;
  version: string;
  description: string;
  vendorName: string;
  vendorUrl: string | null;
  enabled: boolean;
  userInstalled: boolean;
  /** False for required system plugins (UPM refuses to disable them). */
  optional: boolean;
  /** Present for apps that use licensing (null: none entered yet). */
  license?: DcLicense | null;
  /** The newest version the Marketplace has for this product version (UPM's update check). */
  latestCompatibleVersion?: string;
}

export interface DcSecurity {
  /** Jira `jira.mode` (`public` | `private`); Confluence sign-up `public` | `trusted-domains` | `admin-only`. */
  signupMode: string;
  /** Failed logins before a CAPTCHA is shown; null: never (CAPTCHA off). */
  captchaAfterFailedLogins: number | null;
  webSudoEnabled: boolean;
  webSudoTimeoutMinutes: number;
  rememberMeEnabled: boolean;
  externalUserManagement: boolean;
  /** Confluence "Anonymous access to remote API" (ignored on Jira). */
  anonymousRemoteApi: boolean;
  passwordPolicy: {
    /** `disabled` | `basic` | `secure` | `custom`. */
    level: string;
    minimumLength: number;
    minimumUppercase: number;
    minimumLowercase: number;
    minimumDigits: number;
    minimumSpecial: number;
  };
  accessTokens: {
    creationEnabled: boolean;
    /** Tokens without expiry are allowed (`atlassian.pats.eternal.tokens.enabled`). */
    eternalAllowed: boolean;
    /** null: no maximum. */
    maxExpiryDays: number | null;
  };
}

export interface DcSite {
  id: string;
  /** Short name used in scenarios and the start line (`acme-jira-dc`). */
  name: string;
  /** The host the operator serves it at (`jira.acme-dc.example`): its base URL's host in production. */
  host: string;
  product: DcProduct;
  version: string;
  buildNumber: number;
  buildDate: string;
  serverTitle: string;
  security: DcSecurity;
  users: DcUser[];
  groups: string[];
  globalPermissions: DcGlobalPermission[];
  directories: DcDirectory[];
  appLinks: DcAppLink[];
  audit: {
    /** atlassian-audit's `levelByArea`: area → `OFF` | `BASE` | `ADVANCED` | `FULL`. */
    levelByArea: Record<string, string>;
    /** ISO-8601 period (`P3Y`), as `/configuration/retention` answers. */
    retention: string;
  };
  plugins: DcPlugin[];
  tokens: DcToken[];
  /** Confluence spaces (what an anonymous space listing shows when anonymous access is on); none on Jira. */
  spaces: { key: string; name: string }[];
}
