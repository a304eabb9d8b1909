import type { JiraSite, Site, Tenant, User } from '../../simulator/tenant/model.ts';
import { GLOBAL_PROBE, PROJECT_PROBE } from '../../src/sync/collectors/jira-anonymous-permissions.ts';

// What the stored inventory must say about a tenant, computed from the simulator's model rather
// than from anything Palisade produced: the ground truth the integration tests compare with.

const sorted = <T>(values: Iterable<T>): T[] => [...values].sort();

/** The v2 directory's lifecycle status (admin API): deactivated, suspended, not invited, active. */
function directoryStatus(user: User): string {
  if (user.accountStatus !== 'active') return 'deactivated';
  if (user.membershipStatus === 'suspended') return 'suspended';
  if (user.membershipStatus === 'no_membership') return 'not_invited';
  return 'active';
}

/** `org.users`: the v2 directory lists every Atlassian account (not app or portal customer accounts). */
export function expectedOrgUsers(t: Tenant): Map<string, Record<string, unknown>> {
  return new Map(
    t.users
      .filter((u) => u.accountType === 'atlassian')
      .map((u) => [
        u.accountId,
        {
          accountId: u.accountId,
          accountType: u.accountType,
          accountStatus: u.accountStatus,
          membershipStatus: u.membershipStatus,
          status: directoryStatus(u),
          name: u.name,
          emailDomain: u.email.split('@')[1]?.toLowerCase() ?? null,
          emailVerified: u.emailVerified,
          claimStatus: u.claimStatus,
          managementSource: u.managementSource,
          platformRoles: u.platformRoles,
          mfaEnabled: u.mfaEnabled,
          addedToOrg: u.addedToOrg,
          lastActive: u.lastActive,
          productAccessCount: u.productAccess.length,
        },
      ]),
  );
}

export function expectedOrgGroups(
  t: Tenant,
): Map<string, { name: string; memberCount: number; managedBy: string }> {
  return new Map(
    t.groups.map((g) => [g.id, { name: g.name, memberCount: g.memberIds.length, managedBy: g.managedBy }]),
  );
}

export function expectedDomains(t: Tenant): Map<string, { name: string; verified: boolean }> {
  return new Map(t.domains.map((d) => [d.id, { name: d.name, verified: d.claim.status === 'VERIFIED' }]));
}

export function expectedPolicies(t: Tenant): Map<string, { type: string; status: string; enabled: boolean }> {
  return new Map(
    t.policies.map((p) => [p.id, { type: p.type, status: p.status, enabled: p.status === 'enabled' }]),
  );
}

/** `org.workspaces`: one product instance per product of each site. */
export function expectedWorkspaces(t: Tenant): string[] {
  return sorted(
    t.sites.flatMap((s) =>
      (['jira', 'confluence'] as const).filter((p) => s[p]).map((p) => `ari:cloud:${p}::site/${s.id}`),
    ),
  );
}

export function expectedProjects(jira: JiraSite): Map<string, Record<string, unknown>> {
  return new Map(
    jira.projects.map((p) => [
      p.id,
      {
        key: p.key,
        name: p.name,
        projectTypeKey: p.projectTypeKey,
        simplified: p.simplified,
        isPrivate: p.isPrivate,
        archived: p.archived,
        leadAccountId: p.leadAccountId,
        permissionSchemeId: p.permissionSchemeId,
      },
    ]),
  );
}

/** Permission schemes: name, how many grants, and what each grants to `anyone` (the public). */
export function expectedSchemes(
  jira: JiraSite,
): Map<string, { name: string; grants: number; anyone: string[] }> {
  return new Map(
    jira.permissionSchemes.map((s) => [
      String(s.id),
      {
        name: s.name,
        grants: s.grants.length,
        anyone: sorted(s.grants.filter((g) => g.holder.type === 'anyone').map((g) => g.permission)),
      },
    ]),
  );
}

/** Filter or dashboard ids shared with `global` (anyone on the web). */
export function publiclyShared(
  items: readonly { id: string; sharePermissions: { type: string }[] }[],
): string[] {
  return sorted(items.filter((i) => i.sharePermissions.some((p) => p.type === 'global')).map((i) => i.id));
}

export function expectedSpaces(site: Site): {
  keys: string[];
  anonymous: string[];
  unlicensed: string[];
} {
  const spaces = site.confluence?.spaces ?? [];
  const having = (type: 'anonymous' | 'unlicensed') =>
    sorted(spaces.filter((s) => s.permissions.some((p) => p.subject.type === type)).map((s) => s.key));
  return {
    keys: sorted(spaces.map((s) => s.key)),
    anonymous: having('anonymous'),
    unlicensed: having('unlicensed'),
  };
}

/** The anonymous `mypermissions` probe: what a visitor holds site-wide and in each exposed project. */
export function expectedJiraAnonymous(jira: JiraSite): { site: string[]; projects: Map<string, string[]> } {
  const probed = new Set<string>(PROJECT_PROBE);
  const anyone = new Map(
    jira.permissionSchemes.map((s) => [
      s.id,
      new Set(
        s.grants
          .filter((g) => g.holder.type === 'anyone' && probed.has(g.permission))
          .map((g) => g.permission),
      ),
    ]),
  );
  const projects = new Map<string, string[]>();
  for (const p of jira.projects) {
    const held = anyone.get(p.permissionSchemeId) ?? new Set();
    if (!p.archived && held.size > 0)
      projects.set(
        p.key,
        PROJECT_PROBE.filter((k) => held.has(k)),
      );
  }
  const anywhere = new Set([...projects.values()].flat());
  const site = [
    ...GLOBAL_PROBE.filter((k) => jira.anonymousGlobalPermissions.includes(k)),
    ...PROJECT_PROBE.filter((k) => anywhere.has(k)),
  ];
  return { site, projects };
}

export function expectedConfluenceAnonymous(site: Site): { siteAccess: boolean } {
  const ops = site.confluence?.anonymousOperations ?? [];
  return { siteAccess: ops.some((o) => o.operation === 'use' && o.targetType === 'application') };
}

export interface ExpectedInstall {
  installedBy: string;
  enabled: boolean;
  userInstalled: boolean;
}

/**
 * `apps.installations` of a site: `product:appKey` → installer and state. System apps (plugins
 * bundled with every instance) are not part of the app inventory.
 */
export function expectedInstallations(t: Tenant, siteId: string): Map<string, ExpectedInstall> {
  const system = new Set(t.apps.filter((a) => a.framework === 'system').map((a) => a.key));
  return new Map(
    t.installations
      .filter((i) => i.siteId === siteId && !system.has(i.appKey))
      .map((i) => [
        `${i.product}:${i.appKey}`,
        { installedBy: i.installedBy, enabled: i.enabled, userInstalled: i.userInstalled },
      ]),
  );
}

/** What the Marketplace must say about each installed app: listed ones with their vendor and programmes. */
export function expectedMarketplace(t: Tenant): Map<string, Record<string, unknown>> {
  const installed = new Set(t.installations.map((i) => i.appKey));
  const out = new Map<string, Record<string, unknown>>();
  for (const app of t.apps) {
    if (!installed.has(app.key) || app.framework === 'system') continue;
    const listing = app.listed ? t.marketplace.listings.find((l) => l.appKey === app.key) : undefined;
    const vendor = listing && t.marketplace.vendors.find((v) => v.id === listing.vendorId);
    out.set(
      app.key,
      listing && vendor
        ? {
            listed: true,
            vendorId: String(vendor.id),
            vendorName: vendor.name,
            isAtlassian: vendor.isAtlassian,
            cloudFortified: listing.cloudFortified,
            bugBounty: listing.bugBounty,
            storesPersonalData: listing.storesPersonalData,
          }
        : { listed: false },
    );
  }
  return out;
}
