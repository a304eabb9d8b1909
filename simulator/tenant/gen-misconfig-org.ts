// Org-level misconfigurations (see gen-misconfig-schema.ts for the catalogue and check ids).

import type { LayerContext } from './gen-layer-context.ts';
import type { Misconfiguration } from './gen-misconfig-schema.ts';
import { EXTERNAL_DOMAINS, FIRST_NAMES, LAST_NAMES } from './gen-names.ts';
import { orgApiKey, staleToken } from './gen-org.ts';
import { blankUser, uniqueEmail } from './gen-users.ts';
import { accountId, isoDaysAgo } from './gen-util.ts';
import type { User } from './model.ts';

const isAdmin = (u: User): boolean => u.platformRoles.length > 0;

/** The users a toggle names (`users:`), or `count` picked among unnamed staff. */
function targets(
  ctx: LayerContext,
  path: string,
  label: string,
  users: string[] | undefined,
  count: number,
  filter?: (u: User) => boolean,
): User[] {
  if (users) return users.map((email, i) => ctx.user(email, `${path}.users[${i}]`));
  return ctx.take(label, count, path, filter);
}

/** New accounts at external domains (never the org's), with the given product access. */
export function externalUsers(ctx: LayerContext, label: string, count: number, domains: string[]): User[] {
  const rng = ctx.rng(label);
  const emails = new Set(ctx.usersByEmail.keys());
  return Array.from({ length: count }, (_, i) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const domain = domains[i % domains.length] ?? 'gmail.com';
    const user = blankUser({
      accountId: accountId(rng),
      name: `${first} ${last}`,
      email: uniqueEmail(`${first}.${last}`.toLowerCase(), domain, emails),
      claimStatus: 'unmanaged',
      managementSource: null,
      mfaEnabled: false,
      addedToOrg: isoDaysAgo(ctx.now, rng.int(30, 400)),
      lastActive: isoDaysAgo(ctx.now, rng.next() * 20),
      timeZone: 'Etc/UTC',
    });
    ctx.addUser(user);
    ctx.touched.add(user.accountId);
    return user;
  });
}

export function applyOrgMisconfiguration(ctx: LayerContext, m: Misconfiguration, path: string): boolean {
  const t = ctx.tenant;
  const rng = ctx.rng(path);
  switch (m.kind) {
    case 'org_unverified_domain': {
      const name = m.domain ?? t.domains[0]?.name;
      const domain = t.domains.find((d) => d.name === name);
      if (!domain) ctx.fail(`${path}.domain`, `unknown domain "${name}"`);
      domain.claim.status = 'PENDING';
      for (const u of t.users) {
        if (u.email.endsWith(`@${domain.name}`))
          Object.assign(u, { claimStatus: 'unmanaged', managementSource: null });
      }
      return true;
    }
    case 'org_unclaimed_accounts':
      for (const u of ctx.take(path, m.count, path))
        Object.assign(u, { claimStatus: 'unmanaged', managementSource: null });
      return true;
    case 'org_dormant_users': {
      const neverActive = m.neverActive ?? 0;
      const count = m.users ? 0 : (m.count ?? 5);
      for (const u of targets(ctx, path, path, m.users, count)) {
        u.lastActive = isoDaysAgo(ctx.now, m.daysAgo ?? rng.int(120, 400));
        if (Date.parse(u.addedToOrg) > Date.parse(u.lastActive)) u.addedToOrg = isoDaysAgo(ctx.now, 500);
      }
      for (const u of ctx.take(`${path}:never`, neverActive, path)) {
        u.lastActive = null;
        u.addedToOrg = isoDaysAgo(ctx.now, rng.int(150, 600));
      }
      return true;
    }
    case 'org_dormant_admins': {
      const admins = targets(ctx, path, path, m.users, m.users ? 0 : (m.count ?? 1), isAdmin);
      for (const u of admins) {
        if (
          !isAdmin(u) &&
          !t.groups.some(
            (g) =>
              g.grants.length > 0 &&
              g.grants.some((x) => x.role !== 'user') &&
              g.memberIds.includes(u.accountId),
          )
        ) {
          ctx.fail(`${path}.users`, `${u.email} is not an admin`);
        }
        u.lastActive = isoDaysAgo(ctx.now, m.daysAgo ?? 75);
      }
      return true;
    }
    case 'org_too_many_admins': {
      const current = t.users.filter((u) => u.platformRoles.includes('atlassian/org-admin')).length;
      for (const u of ctx.take(path, Math.max(0, m.total - current), path)) {
        u.platformRoles.push('atlassian/org-admin');
        u.mfaEnabled = true;
      }
      return true;
    }
    case 'org_too_many_site_admins': {
      const group = ctx.siteAdminsGroup(ctx.site(m.site, `${path}.site`));
      for (const u of ctx.take(path, Math.max(0, m.total - group.memberIds.length), path))
        ctx.addMember(group, u);
      return true;
    }
    case 'org_no_ip_allowlist':
      if (m.mode === 'removed') t.policies = t.policies.filter((p) => p.type !== 'ip-allowlist');
      else for (const p of t.policies) if (p.type === 'ip-allowlist') p.status = 'disabled';
      return true;
    case 'org_stale_api_tokens': {
      const users = targets(ctx, path, path, m.users, m.users ? 0 : (m.count ?? 3));
      const never = m.neverUsed ?? 1;
      users.forEach((u, i) => {
        const label = rng.pick(['Old CI token', 'Migration script', 'Personal automation', 'Report export']);
        t.apiTokens.push(staleToken(rng, ctx.now, u, label, m.unusedDays ?? rng.int(120, 400), i < never));
      });
      return true;
    }
    case 'org_users_without_2sv': {
      const users = targets(ctx, path, path, m.users, m.users ? 0 : (m.count ?? 5));
      const admins = ctx.take(`${path}:admins`, m.admins ?? 0, `${path}.admins`, isAdmin);
      for (const u of [...users, ...admins]) u.mfaEnabled = false;
      return true;
    }
    case 'org_external_users': {
      const site = m.site ? ctx.site(m.site, `${path}.site`) : t.sites[0];
      if (!site) return true;
      const products = m.products ?? (['jira', 'confluence'] as const).filter((p) => site[p]);
      const domains = m.domains ?? [
        EXTERNAL_DOMAINS[0] ?? 'gmail.com',
        EXTERNAL_DOMAINS[4] ?? 'contractor.example',
      ];
      for (const u of externalUsers(ctx, path, m.count, domains)) {
        products.forEach((p, j) => {
          if (!site[p]) ctx.fail(`${path}.products[${j}]`, `site "${site.name}" has no ${p}`);
          ctx.addMember(ctx.productGroup(site, p, false), u);
        });
      }
      return true;
    }
    case 'org_no_scim':
      t.directories = t.directories.filter((d) => d.type !== 'scim');
      for (const u of t.users) if (u.managementSource === 'synced') u.managementSource = 'invited';
      for (const g of t.groups) if (g.managedBy === 'external') g.managedBy = 'admins';
      return true;
    case 'org_unscoped_api_key': {
      const unused = m.unusedDays === undefined ? 200 : m.unusedDays;
      t.orgApiKeys.push({
        ...orgApiKey(rng, ctx.now, m.label ?? 'Old provisioning script', null),
        createdAt: isoDaysAgo(ctx.now, (unused ?? 200) + 300),
        expiry: null,
        lastUsed: unused === null ? null : isoDaysAgo(ctx.now, unused),
      });
      return true;
    }
    default:
      return false;
  }
}
