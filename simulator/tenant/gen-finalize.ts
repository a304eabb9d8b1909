// The last pass over a tenant, after generation and again after a scenario layer: facts that are
// derived from others (product access from group grants and installs, the site-admin role from
// site-admin groups) are recomputed so they never disagree, and audit trails are put in order.
import type { PlatformRole, Tenant, User } from './model.ts';

type Product = 'jira' | 'confluence';

export function finalizeTenant(tenant: Tenant): void {
  const siteIndex = new Map(tenant.sites.map((s, i) => [s.id, i]));
  // Access as numbers (site index × 2 + product), so the xl tenant builds no per-user strings.
  const access = new Map<string, number[]>();
  const add = (accountId: string, siteId: string, product: Product): void => {
    const index = siteIndex.get(siteId);
    if (index === undefined) return;
    const code = index * 2 + (product === 'jira' ? 0 : 1);
    const list = access.get(accountId);
    if (!list) access.set(accountId, [code]);
    else if (!list.includes(code)) list.push(code);
  };
  const siteAdmins = new Set<string>();
  for (const group of tenant.groups) {
    if (group.grants.length === 0) continue;
    const isSiteAdmin = group.grants.some((g) => g.role === 'site-admin');
    for (const id of group.memberIds) {
      for (const grant of group.grants) add(id, grant.siteId, grant.product);
      if (isSiteAdmin) siteAdmins.add(id);
    }
  }
  for (const inst of tenant.installations) add(inst.appAccountId, inst.siteId, inst.product);
  for (const user of tenant.users) {
    const entries = access.get(user.accountId);
    user.productAccess = entries ? productAccess(user, entries, tenant.sites) : [];
    const roles: PlatformRole[] = user.platformRoles.filter((r) => r !== 'atlassian/site-admin');
    if (siteAdmins.has(user.accountId) && user.accountType === 'atlassian')
      roles.push('atlassian/site-admin');
    user.platformRoles = roles;
  }
  for (const site of tenant.sites) {
    if (site.jira) {
      site.jira.audit.sort((a, b) => a.created.localeCompare(b.created));
      site.jira.audit.forEach((record, i) => {
        record.id = 10_000 + i;
      });
    }
    site.confluence?.audit.sort((a, b) => a.creationDate - b.creationDate);
  }
  // The admin API lists events newest first.
  tenant.events.sort((a, b) => b.time.localeCompare(a.time) || a.id.localeCompare(b.id));
}

function productAccess(user: User, entries: number[], sites: Tenant['sites']): User['productAccess'] {
  return entries
    .sort((a, b) => a - b)
    .map((entry) => ({
      siteId: sites[entry >> 1]?.id ?? '',
      product: entry % 2 === 0 ? 'jira' : 'confluence',
      lastActive: user.lastActive,
    }));
}
