import type { Tenant, User } from '../tenant/model.ts';
import { TINY, tinyTenant } from '../testing/tiny-tenant.ts';

// For the admin route tests: the tiny tenant plus a few hundred synthetic users, events, groups,
// domains and policies, so every list spans several pages, and a second (SCIM) directory.

export const BIG = {
  staff: 260,
  externals: 40,
  events: 230,
  groups: 130,
  domains: 45,
  policies: 41,
  scimDirectoryId: 'e0000000-0000-4000-8000-000000000002',
  now: new Date('2026-11-01T12:00:00Z'),
} as const;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const uuid = (prefix: string, n: number) => `${prefix}000000-0000-4000-8000-${hex(n, 12)}`;

function syntheticUser(base: User, n: number, external: boolean): User {
  const accountId = `6a00${hex(n, 20)}`;
  return {
    ...base,
    accountId,
    name: `${external ? 'Guest' : 'Staff'} Person${n}`,
    nickname: `person${n}`,
    email: external ? `guest${n}@partner${n % 3}.example` : `staff${n}@acme.example`,
    accountStatus: n % 17 === 0 ? 'inactive' : 'active',
    membershipStatus: n % 23 === 0 ? 'suspended' : 'active',
    claimStatus: external ? 'unmanaged' : 'managed',
    // Every fifth staff account is provisioned from the identity provider (the SCIM directory).
    managementSource: external ? null : n % 5 === 0 ? 'synced' : 'invited',
    platformRoles: [],
    mfaEnabled: n % 3 !== 0,
    lastActive: n % 11 === 0 ? null : new Date(BIG.now.getTime() - n * 3_600_000).toISOString(),
    productAccess: [{ siteId: TINY.siteA, product: 'jira', lastActive: null }],
  };
}

export function bigTenant(): Tenant {
  const t = tinyTenant(BIG.now);
  const template = t.users.find((u) => u.accountId === TINY.member);
  if (!template) throw new Error('tiny tenant has no member');
  for (let n = 1; n <= BIG.staff; n++) t.users.push(syntheticUser(template, n, false));
  for (let n = 1; n <= BIG.externals; n++) t.users.push(syntheticUser(template, 10_000 + n, true));

  t.directories.push({ directoryId: BIG.scimDirectoryId, name: 'Okta', type: 'scim' });

  const actions = ['user_added_to_group', 'ecosystem_app_installed', 'policy_updated', 'user_login'];
  for (let n = 1; n <= BIG.events; n++) {
    t.events.push({
      id: uuid('ee', n),
      // One event every 3 hours going back from `now`, so time filters cut predictable slices.
      time: new Date(BIG.now.getTime() - n * 3 * 3_600_000).toISOString(),
      action: actions[n % actions.length] ?? 'user_login',
      actor: { id: TINY.admin, name: 'Ada Admin' },
      context: [{ id: `ctx-${n}`, type: 'users', attributes: { email: `staff${n}@acme.example` } }],
      container: [{ id: TINY.orgId, type: 'organizations', attributes: { name: 'Acme Tiny' } }],
      location: { ip: `192.0.2.${n % 250}`, geo: 'Lisbon, PT' },
    });
  }

  for (let n = 1; n <= BIG.groups; n++) {
    t.groups.push({
      id: uuid('0b', n),
      name: `team-${n}`,
      description: `Team ${n}`,
      memberIds: [`6a00${hex(n, 20)}`],
      grants: [],
      managedBy: n % 4 === 0 ? 'external' : 'admins',
    });
  }

  for (let n = 1; n <= BIG.domains; n++) {
    t.domains.push({
      id: uuid('dd', n),
      name: `brand${n}.example`,
      claim: { type: n % 2 === 0 ? 'dns' : 'http', status: n % 7 === 0 ? 'FAILED' : 'VERIFIED' },
    });
  }

  for (let n = 1; n <= BIG.policies; n++) {
    const residency = n % 3 === 0;
    t.policies.push({
      id: uuid('pp', n),
      type: residency ? 'data-residency' : 'ip-allowlist',
      name: `Policy ${n}`,
      status: n % 2 === 0 ? 'enabled' : 'disabled',
      rule: residency ? { regions: ['EU'] } : { ipRanges: [`198.51.100.${n}/32`] },
      resources: [],
    });
  }
  return t;
}

export interface Page<T> {
  data: T[];
  links: { self: string; prev?: string; next?: string };
  meta?: Record<string, unknown>;
}

/** Follows admin v1 `links.next` URLs from `url` to the last page; returns every page. */
export async function walkV1<T>(url: string, authorization: string): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  for (let next: string | undefined = url; next; ) {
    const res = await fetch(next, { headers: { authorization, accept: 'application/json' } });
    if (res.status !== 200) throw new Error(`${next} answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as Page<T>;
    pages.push(page);
    next = page.links.next;
    if (pages.length > 1000) throw new Error('pagination does not end');
  }
  return pages;
}

/** Follows admin v2 `links.next` cursors (sent back as `?cursor=`) to the last page. */
export async function walkV2<T>(url: string, authorization: string): Promise<Page<T>[]> {
  const pages: Page<T>[] = [];
  for (let cursor: string | undefined = ''; cursor !== undefined; ) {
    const target = new URL(url);
    if (cursor) target.searchParams.set('cursor', cursor);
    const res = await fetch(target, { headers: { authorization, accept: 'application/json' } });
    if (res.status !== 200) throw new Error(`${target} answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as Page<T>;
    pages.push(page);
    cursor = page.links.next;
    if (pages.length > 1000) throw new Error('pagination does not end');
  }
  return pages;
}
