// Org-level records: domains, policies, directories, API tokens, org API keys and OAuth clients.
// Secrets come from the seeded PRNG, so a scenario always prints the same credentials.
import { endpoints } from '../../src/atlassian/catalogue/index.ts';
import type { Random } from '../core/random.ts';
import type { GenSpec } from './gen-spec.ts';
import { DAY_MS, isoDaysAgo, randomDaysAgo, token } from './gen-util.ts';
import type { ApiToken, Directory, Domain, OAuthClient, OrgApiKey, Policy, Site, User } from './model.ts';

export function domains(rng: Random, spec: GenSpec): Domain[] {
  const list: Domain[] = [{ id: rng.uuid(), name: spec.domain, claim: { type: 'dns', status: 'VERIFIED' } }];
  if (spec.pendingDomain)
    list.push({ id: rng.uuid(), name: spec.pendingDomain, claim: { type: 'http', status: 'PENDING' } });
  return list;
}

export function policies(rng: Random, spec: GenSpec, sites: Site[]): Policy[] {
  const resources = sites.flatMap((s) =>
    (['jira', 'confluence'] as const)
      .filter((p) => s[p])
      .map((p) => ({ id: `ari:cloud:${p}::site/${s.id}`, meta: {} })),
  );
  const realistic = spec.posture === 'realistic';
  return [
    {
      id: rng.uuid(),
      type: 'ip-allowlist',
      name: 'Office and VPN egress',
      status: realistic && rng.chance(0.4) ? 'disabled' : 'enabled',
      rule: { ipRanges: ['203.0.113.0/24', '198.51.100.16/28'], appliesTo: 'all-users' },
      resources,
    },
    {
      id: rng.uuid(),
      type: 'data-residency',
      name: 'EU data residency',
      status: 'enabled',
      rule: { realm: 'EU', locations: ['eu-central-1', 'eu-west-1'] },
      resources,
    },
  ];
}

export function directories(rng: Random, spec: GenSpec): Directory[] {
  const list: Directory[] = [
    { directoryId: rng.uuid(), name: `${spec.orgName} directory`, type: 'atlassian' },
  ];
  if (spec.scim) list.push({ directoryId: rng.uuid(), name: 'Identity provider (SCIM)', type: 'scim' });
  return list;
}

const TOKEN_LABELS = [
  'CI pipeline',
  'Jira CLI',
  'Backup script',
  'Reporting export',
  'Terraform',
  'Sync job',
  'Laptop',
];

export function apiTokenSecret(rng: Random): string {
  return `ATATT3x${token(rng, 185)}`;
}

/**
 * A token in good standing: recently used, created 5–80 days ago with Atlassian's default life of
 * a year (https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/),
 * so it is far from expiring.
 */
export function freshToken(rng: Random, now: Date, user: User, label: string): ApiToken {
  const createdDays = rng.int(5, 80);
  const created = isoDaysAgo(now, createdDays);
  return {
    id: rng.uuid(),
    accountId: user.accountId,
    label,
    secret: apiTokenSecret(rng),
    createdAt: created,
    lastAccess: randomDaysAgo(rng, now, 0, Math.min(3, createdDays)),
    expiry: new Date(Date.parse(created) + 365 * DAY_MS).toISOString(),
    revoked: false,
  };
}

/**
 * The read scopes a scoped API token needs for every REST endpoint the gateway serves Palisade:
 * what an operator selects when creating a scoped token for a scan. UPM and the GraphQL gateway
 * have no scope (the site host only), so no scoped token reaches them.
 */
export const SCAN_TOKEN_SCOPES: readonly string[] = [
  ...new Set(
    endpoints
      .filter((e) => e.host === 'site' && e.method === 'GET' && e.auth.includes('oauth'))
      .flatMap((e) => e.oauthScopes),
  ),
].sort();

/** A fresh API token created with scopes (it works through the gateway only). */
export function scopedToken(rng: Random, now: Date, user: User, label: string): ApiToken {
  return { ...freshToken(rng, now, user, label), scopes: [...SCAN_TOKEN_SCOPES] };
}

export function staleToken(
  rng: Random,
  now: Date,
  user: User,
  label: string,
  unusedDays: number,
  neverUsed: boolean,
): ApiToken {
  const createdDays = unusedDays + rng.int(10, 200);
  return {
    id: rng.uuid(),
    accountId: user.accountId,
    label,
    secret: apiTokenSecret(rng),
    createdAt: isoDaysAgo(now, createdDays),
    lastAccess: neverUsed ? null : isoDaysAgo(now, unusedDays + rng.next() * 30),
    expiry: isoDaysAgo(now, createdDays - 365),
    revoked: false,
  };
}

export function apiTokens(rng: Random, spec: GenSpec, staff: User[]): ApiToken[] {
  const tokens: ApiToken[] = [];
  const realistic = spec.posture === 'realistic';
  for (const user of staff) {
    if (!rng.chance(0.05)) continue;
    const count = rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      const label = rng.pick(TOKEN_LABELS);
      if (realistic && rng.chance(0.35))
        tokens.push(staleToken(rng, spec.now, user, label, rng.int(91, 500), rng.chance(0.3)));
      else tokens.push(freshToken(rng, spec.now, user, label));
    }
  }
  return tokens;
}

export function orgApiKey(rng: Random, now: Date, label: string, scopes: string[] | null): OrgApiKey {
  const created = isoDaysAgo(now, rng.int(5, 60));
  return {
    id: rng.uuid(),
    label,
    secret: `ATCTT3x${token(rng, 185)}`,
    scopes,
    createdAt: created,
    expiry: new Date(Date.parse(created) + 90 * DAY_MS).toISOString(),
    lastUsed: randomDaysAgo(rng, now, 0, 2),
    revoked: false,
  };
}

export function orgApiKeys(rng: Random, spec: GenSpec): OrgApiKey[] {
  const keys = [
    orgApiKey(rng, spec.now, 'Security posture scanner', null),
    orgApiKey(rng, spec.now, 'Directory read-only', ['read:directories:admin']),
  ];
  if (spec.posture === 'realistic') {
    keys.push({
      ...orgApiKey(rng, spec.now, 'Legacy user export', null),
      createdAt: isoDaysAgo(spec.now, 700),
      expiry: null,
      lastUsed: isoDaysAgo(spec.now, 240),
    });
  }
  return keys;
}

export function oauthClient(rng: Random): OAuthClient {
  return {
    clientId: token(rng, 32),
    secret: `ATOA${token(rng, 60)}`,
    name: 'Palisade (simulator)',
    redirectUris: ['http://localhost/callback', 'http://127.0.0.1/callback'],
  };
}
