// Scenario layer for people: named groups, named users (created or overriding a generated one),
// group members and the operator's credentials.

import type { LayerContext } from './gen-layer-context.ts';
import { apiTokenSecret } from './gen-org.ts';
import { blankUser } from './gen-users.ts';
import { accountId, DAY_MS, isoDaysAgo } from './gen-util.ts';
import { setCredentials } from './generate.ts';
import type { ApiToken, PlatformRole, User } from './model.ts';
import type { ScenarioSpec } from './scenario.ts';

type ScenarioUser = ScenarioSpec['users'][number];

export function applyGroups(ctx: LayerContext, groups: ScenarioSpec['groups']): void {
  const rng = ctx.rng('groups');
  groups.forEach((g, i) => {
    const path = `groups[${i}]`;
    const grants = (g.grants ?? []).map((grant, j) => {
      const site = ctx.site(grant.site, `${path}.grants[${j}].site`);
      if (!site[grant.product])
        ctx.fail(`${path}.grants[${j}].product`, `site "${site.name}" has no ${grant.product}`);
      return { siteId: site.id, product: grant.product, role: grant.role };
    });
    const existing = ctx.groupsByName.get(g.name);
    if (existing) {
      if (g.description !== undefined) existing.description = g.description;
      if (g.managedBy) existing.managedBy = g.managedBy;
      existing.grants.push(...grants);
      return;
    }
    ctx.addGroup({
      id: rng.uuid(),
      name: g.name,
      description: g.description ?? '',
      memberIds: [],
      grants,
      managedBy: g.managedBy ?? 'admins',
    });
  });
}

function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join(' ');
}

function setRole(user: User, role: PlatformRole, on: boolean | undefined): void {
  if (on === undefined) return;
  user.platformRoles = user.platformRoles.filter((r) => r !== role);
  if (on) user.platformRoles.push(role);
}

export function applyUsers(ctx: LayerContext, users: ScenarioUser[]): void {
  const rng = ctx.rng('users');
  const verified = new Set(
    ctx.tenant.domains.filter((d) => d.claim.status === 'VERIFIED').map((d) => d.name),
  );
  const scim = ctx.tenant.directories.some((d) => d.type === 'scim');
  const seen = new Set<string>();
  users.forEach((spec, i) => {
    const path = `users[${i}]`;
    const email = spec.email.toLowerCase();
    if (seen.has(email)) ctx.fail(`${path}.email`, `"${spec.email}" is declared twice`);
    seen.add(email);
    ctx.named.add(email);
    const type = spec.accountType ?? 'atlassian';
    const atVerified = verified.has(email.split('@')[1] ?? '');
    const managed = type === 'atlassian' && (spec.managed ?? atVerified);
    if (managed && !atVerified)
      ctx.fail(`${path}.managed`, `only accounts at a verified domain can be managed`);
    let user = ctx.usersByEmail.get(email);
    if (user?.accountType === 'app') ctx.fail(`${path}.email`, `"${spec.email}" is an app account`);
    if (!user) {
      user = blankUser({ accountId: accountId(rng), name: spec.name ?? nameFromEmail(email), email });
      ctx.addUser(user);
    }
    const status = spec.status ?? 'active';
    const added = spec.addedDaysAgo ?? 400;
    const last =
      spec.lastActiveDaysAgo === undefined ? (status === 'active' ? 1 : 150) : spec.lastActiveDaysAgo;
    Object.assign(user, {
      name: spec.name ?? user.name,
      nickname: (spec.name ?? user.name).split(' ')[0] ?? user.name,
      accountType: type,
      accountStatus: status,
      membershipStatus: type === 'customer' ? 'no_membership' : status === 'active' ? 'active' : 'suspended',
      claimStatus: managed ? 'managed' : 'unmanaged',
      managementSource: managed ? (scim ? 'synced' : 'invited') : null,
      mfaEnabled: spec.mfa ?? managed,
      addedToOrg: isoDaysAgo(ctx.now, Math.max(added, (last ?? 0) + 1)),
      lastActive: last === null ? null : isoDaysAgo(ctx.now, last),
      jobTitle: spec.jobTitle ?? (type === 'atlassian' ? user.jobTitle : null),
      department: spec.department ?? (type === 'atlassian' ? user.department : null),
    } satisfies Partial<User>);
    setRole(user, 'atlassian/org-admin', spec.orgAdmin);
    setRole(user, 'atlassian/user-access-admin', spec.userAccessAdmin);
    spec.siteAdmin?.forEach((name, j) => {
      ctx.addMember(ctx.siteAdminsGroup(ctx.site(name, `${path}.siteAdmin[${j}]`)), user);
    });
    spec.jiraAdmin?.forEach((name, j) => {
      const { site } = ctx.jira(name, `${path}.jiraAdmin[${j}]`);
      ctx.addMember(ctx.productGroup(site, 'jira', true), user);
    });
    spec.confluenceAdmin?.forEach((name, j) => {
      const { site } = ctx.confluence(name, `${path}.confluenceAdmin[${j}]`);
      ctx.addMember(ctx.productGroup(site, 'confluence', true), user);
    });
    const primary = ctx.tenant.sites[0];
    const products =
      spec.products ??
      (type === 'atlassian' && primary
        ? (['jira', 'confluence'] as const)
            .filter((p) => primary[p])
            .map((product) => ({ site: primary.name, product }))
        : []);
    products.forEach((p, j) => {
      const site = ctx.site(p.site, `${path}.products[${j}].site`);
      if (!site[p.product])
        ctx.fail(`${path}.products[${j}].product`, `site "${site.name}" has no ${p.product}`);
      ctx.addMember(ctx.productGroup(site, p.product, false), user);
    });
    spec.groups?.forEach((name, j) => {
      ctx.addMember(ctx.group(name, `${path}.groups[${j}]`), user);
    });
    for (const t of spec.apiTokens ?? []) ctx.tenant.apiTokens.push(scenarioToken(ctx, rng, user, t));
  });
}

function scenarioToken(
  ctx: LayerContext,
  rng: ReturnType<LayerContext['rng']>,
  user: User,
  t: NonNullable<ScenarioUser['apiTokens']>[number],
): ApiToken {
  const created = t.createdDaysAgo ?? 30;
  const createdAt = isoDaysAgo(ctx.now, created);
  const used = t.lastUsedDaysAgo === undefined ? Math.min(created, 1) : t.lastUsedDaysAgo;
  return {
    id: rng.uuid(),
    accountId: user.accountId,
    label: t.label,
    secret: apiTokenSecret(rng),
    createdAt,
    lastAccess: used === null ? null : isoDaysAgo(ctx.now, Math.min(used, created)),
    expiry: new Date(Date.parse(createdAt) + 90 * DAY_MS).toISOString(),
    revoked: t.revoked ?? false,
  };
}

export function applyGroupMembers(ctx: LayerContext, groups: ScenarioSpec['groups']): void {
  groups.forEach((g, i) => {
    const group = ctx.group(g.name, `groups[${i}].name`);
    g.members?.forEach((email, j) => {
      ctx.addMember(group, ctx.user(email, `groups[${i}].members[${j}]`));
    });
  });
}

/**
 * Points the credentials at the scenario's admin and member. The admin is made what the operator
 * needs (active org admin with 2SV, in every site's site-admins group); the member must be a
 * plain active user.
 */
export function applyCredentials(ctx: LayerContext, credentials: ScenarioSpec['credentials']): void {
  const c = ctx.tenant.credentials;
  const byId = (id: string): User | undefined => ctx.tenant.users.find((u) => u.accountId === id);
  const admin = credentials?.admin
    ? ctx.user(credentials.admin, 'credentials.admin')
    : byId(c.adminAccountId);
  const member = credentials?.member
    ? ctx.user(credentials.member, 'credentials.member')
    : byId(c.memberAccountId);
  if (!admin || !member) throw new Error('the generated tenant lost its credentials');
  if (admin === member) ctx.fail('credentials.member', 'the member must differ from the admin');
  if (admin.accountType !== 'atlassian')
    ctx.fail('credentials.admin', 'the admin must be an atlassian account');
  if (member.accountType !== 'atlassian' || member.accountStatus !== 'active') {
    ctx.fail('credentials.member', 'the member must be an active atlassian account');
  }
  if (member.platformRoles.includes('atlassian/org-admin'))
    ctx.fail('credentials.member', 'the member must not be an org admin');
  admin.accountStatus = 'active';
  admin.membershipStatus = 'active';
  admin.mfaEnabled = true;
  if (!admin.platformRoles.includes('atlassian/org-admin')) admin.platformRoles.push('atlassian/org-admin');
  for (const site of ctx.tenant.sites) ctx.addMember(ctx.siteAdminsGroup(site), admin);
  if (admin.accountId === c.adminAccountId && member.accountId === c.memberAccountId) return;
  // Retire the generated credential tokens, then issue the scenario's own.
  const old = new Set([c.adminTokenId, c.memberTokenId, c.scopedTokenId]);
  ctx.tenant.apiTokens = ctx.tenant.apiTokens.filter((t) => !old.has(t.id));
  setCredentials(ctx.tenant, admin, member, ctx.rng('credentials'), ctx.now);
}
