import assert from 'node:assert/strict';
import { test } from 'node:test';
import { integrityProblems } from './gen-integrity.ts';
import { generateTenant } from './generate.ts';
import type { Tenant } from './model.ts';

const now = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

const count = (t: Tenant, pick: (s: Tenant['sites'][number]) => number): number =>
  t.sites.reduce((n, s) => n + pick(s), 0);

test('the same size, seed and time always give the same tenant, and another seed a different one', () => {
  const a = generateTenant({ size: 'small', seed: 42, now });
  const b = generateTenant({ size: 'small', seed: 42, now });
  assert.deepEqual(a, b);
  const c = generateTenant({ size: 'small', seed: 43, now });
  assert.notDeepEqual(a.users, c.users);
  assert.notEqual(a.org.id, c.org.id);
});

test('every time in a generated tenant is relative to now, so a later now shifts the whole tenant', () => {
  const a = generateTenant({ size: 'small', seed: 5, now });
  const later = new Date(now.getTime() + 10 * DAY);
  const b = generateTenant({ size: 'small', seed: 5, now: later });
  const shifted = (iso: string | null) =>
    iso === null ? null : new Date(Date.parse(iso) + 10 * DAY).toISOString();
  assert.deepEqual(
    b.users.map((u) => u.lastActive),
    a.users.map((u) => shifted(u.lastActive)),
  );
  for (const u of a.users) if (u.lastActive) assert.ok(Date.parse(u.lastActive) <= now.getTime());
});

test('a small tenant has about 50 users, 10 groups, one site with Jira and Confluence, 10 projects, 8 spaces and 12 apps', () => {
  const t = generateTenant({ size: 'small', seed: 1, now });
  assert.equal(t.users.length, 50);
  assert.equal(t.groups.length, 10);
  assert.equal(t.sites.length, 1);
  assert.ok(t.sites[0]?.jira && t.sites[0]?.confluence);
  assert.equal(
    count(t, (s) => s.jira?.projects.length ?? 0),
    10,
  );
  assert.equal(
    count(t, (s) => s.confluence?.spaces.length ?? 0),
    8,
  );
  assert.equal(t.apps.length, 12);
});

test('a large tenant has 10,000 users, 800 groups, 2 sites, 500 projects, 300 spaces and 120 apps', () => {
  const t = generateTenant({ size: 'large', seed: 3, now });
  assert.equal(t.users.length, 10_000);
  assert.equal(t.groups.length, 800);
  assert.equal(t.sites.length, 2);
  assert.equal(
    count(t, (s) => s.jira?.projects.length ?? 0),
    500,
  );
  assert.equal(
    count(t, (s) => s.confluence?.spaces.length ?? 0),
    300,
  );
  assert.equal(t.apps.length, 120);
  assert.deepEqual(integrityProblems(t), []);
});

test('an xl tenant has exactly 100,000 users, 5,000 groups, 3 sites, 3,000 projects, 2,000 spaces and 400 apps', () => {
  const t = generateTenant({ size: 'xl', seed: 9, now });
  assert.equal(t.users.length, 100_000);
  assert.equal(t.groups.length, 5_000);
  assert.equal(t.sites.length, 3);
  assert.equal(
    count(t, (s) => s.jira?.projects.length ?? 0),
    3_000,
  );
  assert.equal(
    count(t, (s) => s.confluence?.spaces.length ?? 0),
    2_000,
  );
  assert.equal(t.apps.length, 400);
  const memberships = t.groups.reduce((n, g) => n + g.memberIds.length, 0);
  assert.ok(memberships < 500_000, `${memberships} group memberships`);
});

test('generated tenants are referentially sound: members, installs, app accounts and credentials all resolve', () => {
  for (const seed of [1, 2, 3, 4]) {
    assert.deepEqual(integrityProblems(generateTenant({ size: 'small', seed, now })), [], `seed ${seed}`);
  }
});

test('each installed app has one app account, e-mailed at connect.atlassian.com, that its installations use', () => {
  const t = generateTenant({ size: 'small', seed: 11, now });
  const appUsers = t.users.filter((u) => u.accountType === 'app');
  assert.equal(appUsers.length, t.apps.length);
  for (const app of t.apps) {
    const account = appUsers.find((u) => u.appKey === app.key);
    assert.ok(account, app.key);
    assert.equal(account.email, `${app.key}@connect.atlassian.com`.toLowerCase());
    for (const i of t.installations.filter((x) => x.appKey === app.key))
      assert.equal(i.appAccountId, account.accountId);
  }
});

test('a generated org looks like a real one: mostly managed staff with 2SV, some externals, dormant and inactive users', () => {
  const t = generateTenant({ size: 'large', seed: 21, now });
  const people = t.users.filter((u) => u.accountType === 'atlassian');
  const domain = t.domains.find((d) => d.claim.status === 'VERIFIED')?.name ?? '';
  const atDomain = people.filter((u) => u.email.endsWith(`@${domain}`));
  assert.ok(atDomain.length / people.length > 0.85);
  assert.ok(
    people.some((u) => !u.email.endsWith(`@${domain}`) && u.productAccess.length > 0),
    'external users',
  );
  assert.ok(t.users.some((u) => u.accountType === 'customer'));
  assert.ok(
    people.some((u) => u.accountStatus === 'inactive') && people.some((u) => u.accountStatus === 'closed'),
  );
  const active = people.filter((u) => u.accountStatus === 'active' && u.claimStatus === 'managed');
  assert.ok(
    active.some((u) => u.lastActive && now.getTime() - Date.parse(u.lastActive) > 90 * DAY),
    'dormant users',
  );
  assert.ok(
    active.some((u) => u.lastActive === null),
    'never-active users',
  );
  const mfa = people.filter((u) => u.mfaEnabled).length / people.length;
  assert.ok(mfa > 0.6 && mfa < 0.8, `mfa ${mfa}`);
  const orgAdmins = people.filter((u) => u.platformRoles.includes('atlassian/org-admin')).length;
  assert.ok(orgAdmins >= 2 && orgAdmins <= 6);
  assert.ok(people.some((u) => u.platformRoles.includes('atlassian/site-admin')));
  assert.ok(
    t.apiTokens.some((k) => k.lastAccess === null || now.getTime() - Date.parse(k.lastAccess) > 90 * DAY),
  );
  assert.deepEqual(
    t.domains.map((d) => d.claim.status),
    ['VERIFIED', 'PENDING'],
  );
});

test('a generated app portfolio mixes Connect, Forge and system apps, listed and unlisted, with Marketplace data for listed ones', () => {
  const t = generateTenant({ size: 'large', seed: 8, now });
  const frameworks = new Set(t.apps.map((a) => a.framework));
  assert.deepEqual([...frameworks].sort(), ['connect', 'forge', 'system']);
  assert.ok(t.apps.some((a) => a.vendor.name === 'Atlassian' && a.listed));
  assert.ok(t.apps.some((a) => a.developmentMode));
  assert.ok(t.apps.some((a) => !a.listed && !a.developmentMode && a.framework !== 'system'));
  assert.ok(t.apps.some((a) => a.scopes.includes('ACT_AS_USER')));
  assert.ok(t.apps.some((a) => a.scopes.includes('ADMIN')));
  assert.ok(t.apps.some((a) => a.egress.length > 0));
  assert.ok(t.installations.some((i) => i.userInstalled));
  assert.ok(t.installations.some((i) => !i.enabled));
  assert.ok(t.installations.some((i) => i.license?.evaluation && !i.license.active));
  assert.ok(t.marketplace.vendors.some((v) => v.isAtlassian));
  const listings = new Set(t.marketplace.listings.map((l) => l.appKey));
  for (const app of t.apps) assert.equal(listings.has(app.key), app.listed, app.key);
  const jira = t.sites[0]?.jira;
  assert.ok(
    jira?.fields.some((f) => f.customType?.startsWith('com.atlassian.plugins.atlassian-connect-plugin:')),
  );
  assert.ok(jira?.fields.some((f) => f.customType?.startsWith('ari:cloud:ecosystem::extension/')));
  assert.ok(jira?.audit.some((r) => r.category === 'apps' && r.summary === 'App installed'));
  assert.ok(t.events.some((e) => e.action === 'ecosystem_app_installed'));
});

test('the operator credentials name an active org admin in every site-admins group and a plain member, each with a token', () => {
  const t = generateTenant({ size: 'small', seed: 17, now });
  const c = t.credentials;
  const admin = t.users.find((u) => u.accountId === c.adminAccountId);
  const member = t.users.find((u) => u.accountId === c.memberAccountId);
  assert.equal(admin?.accountStatus, 'active');
  assert.ok(admin?.platformRoles.includes('atlassian/org-admin'));
  assert.ok(admin?.platformRoles.includes('atlassian/site-admin'));
  assert.deepEqual(member?.platformRoles, []);
  assert.ok((member?.productAccess.length ?? 0) > 0);
  const token = t.apiTokens.find((k) => k.id === c.adminTokenId);
  assert.match(token?.secret ?? '', /^ATATT3x[\w-]{150,}$/);
  assert.equal(t.orgApiKeys.find((k) => k.id === c.orgApiKeyId)?.scopes, null);
  assert.deepEqual(t.orgApiKeys.find((k) => k.id === c.scopedOrgApiKeyId)?.scopes, [
    'read:directories:admin',
  ]);
  assert.deepEqual(t.oauthClients[0]?.redirectUris, [
    'http://localhost/callback',
    'http://127.0.0.1/callback',
  ]);
});
