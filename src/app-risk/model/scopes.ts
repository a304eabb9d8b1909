// What a granted scope lets an app do, on the capability scale of docs/atlassian/APP-RISK.md.
// Connect scopes form one hierarchy (NONE < READ < WRITE < DELETE < PROJECT_ADMIN/SPACE_ADMIN <
// ADMIN, a higher one implying the lower ones) plus two orthogonal grants, ACT_AS_USER and
// ACCESS_EMAIL_ADDRESSES (https://developer.atlassian.com/cloud/jira/platform/scopes-for-connect-apps/).
// Forge and 3LO scopes are `verb:resource` (`read:jira-work`, `manage:jira-configuration`,
// granular `write:issue:jira`) and are not hierarchical across resources
// (https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/).

/** Least to most powerful. `act-as-user` sits between project admin and admin, as in APP-RISK.md. */
export const CAPABILITIES = [
  'metadata',
  'read',
  'write',
  'delete',
  'project-admin',
  'act-as-user',
  'admin',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface ScopeGrant {
  scope: string;
  /** `unknown`: a scope string Palisade does not recognise (scored conservatively). */
  capability: Capability | 'unknown';
  /**
   * What the capability applies to. Two grants on one resource are one capability (the higher
   * wins); grants on different resources are distinct capabilities. All Connect content scopes
   * share the resource `connect`, so the implied lower levels never count twice.
   */
  resource: string;
  /** Reads personal data: e-mail addresses, user profiles. */
  pii: boolean;
}

export function capabilityRank(capability: Capability): number {
  return CAPABILITIES.indexOf(capability);
}

const CONNECT: Record<string, Omit<ScopeGrant, 'scope'>> = {
  NONE: { capability: 'metadata', resource: 'connect', pii: false },
  READ: { capability: 'read', resource: 'connect', pii: false },
  WRITE: { capability: 'write', resource: 'connect', pii: false },
  DELETE: { capability: 'delete', resource: 'connect', pii: false },
  PROJECT_ADMIN: { capability: 'project-admin', resource: 'connect', pii: false },
  SPACE_ADMIN: { capability: 'project-admin', resource: 'connect', pii: false },
  ADMIN: { capability: 'admin', resource: 'connect', pii: false },
  ACT_AS_USER: { capability: 'act-as-user', resource: 'impersonation', pii: false },
  ACCESS_EMAIL_ADDRESSES: { capability: 'metadata', resource: 'email-addresses', pii: true },
};

/** Reads that reveal structure or the app's own data, not the customer's content. */
const METADATA_READS = [
  /summary$/,
  /-props$/,
  /^read:app-/,
  /^read:(jira|confluence)-configuration$/,
  /^read:(jira|confluence)-groups$/,
  /^read:me$/,
  /^read:account$/,
];
const PII_READS = [/^read:[a-z-]*-user$/, /^read:email-address/, /^read:user(:|\.)/, /^read:account$/];

/** Scopes that grant no access to customer data. */
const INERT = new Set(['storage:app', 'report:personal-data', 'offline_access']);

export function classifyScope(scope: string): ScopeGrant {
  const connect = CONNECT[scope];
  if (connect) return { scope, ...connect };
  if (INERT.has(scope)) return { scope, capability: 'metadata', resource: scope, pii: false };
  const match = /^([a-z]+):(.+)$/.exec(scope);
  if (!match) return { scope, capability: 'unknown', resource: scope, pii: false };
  const verb = match[1] as string;
  const resource = match[2] as string;
  switch (verb) {
    case 'manage':
      if (/-configuration$/.test(resource)) return { scope, capability: 'admin', resource, pii: false };
      if (/^(jira-project|confluence-space)/.test(resource))
        return { scope, capability: 'project-admin', resource, pii: false };
      return { scope, capability: 'write', resource, pii: false };
    case 'delete':
      return { scope, capability: 'delete', resource, pii: false };
    case 'write':
      return { scope, capability: 'write', resource, pii: false };
    case 'read':
    case 'search': {
      const pii = PII_READS.some((r) => r.test(scope));
      const metadata = pii || METADATA_READS.some((r) => r.test(scope));
      return { scope, capability: metadata ? 'metadata' : 'read', resource, pii };
    }
    default:
      return { scope, capability: 'unknown', resource: scope, pii: false };
  }
}

/** Connect ADMIN or a Forge `manage:*-configuration` scope: the app_admin_capability check. */
export function adminScopes(scopes: readonly string[]): string[] {
  return scopes.filter((s) => classifyScope(s).capability === 'admin');
}

export function actAsUserScopes(scopes: readonly string[]): string[] {
  return scopes.filter((s) => classifyScope(s).capability === 'act-as-user');
}

/** The most powerful known capability among the scopes, or undefined when none is known. */
export function topCapability(scopes: readonly string[]): Capability | undefined {
  let top: Capability | undefined;
  for (const s of scopes) {
    const c = classifyScope(s).capability;
    if (c !== 'unknown' && (top === undefined || capabilityRank(c) > capabilityRank(top))) top = c;
  }
  return top;
}
