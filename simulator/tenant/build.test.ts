import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildFromScenario, buildTenant } from './build.ts';
import { integrityProblems } from './gen-integrity.ts';
import { generateTenant } from './generate.ts';
import type { Tenant, User } from './model.ts';
import { loadScenario } from './scenario.ts';

const now = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (iso: string | null): number =>
  iso === null ? Number.POSITIVE_INFINITY : (now.getTime() - Date.parse(iso)) / DAY;

/** What a posture checker would see, one flag per CHECKS.md check the demo is meant to trip. */
function findings(t: Tenant): Set<string> {
  const found = new Set<string>();
  const flag = (id: string, when: boolean): void => {
    if (when) found.add(id);
  };
  const verified = new Set(t.domains.filter((d) => d.claim.status === 'VERIFIED').map((d) => d.name));
  const domainOf = (u: User) => u.email.split('@')[1] ?? '';
  const people = t.users.filter((u) => u.accountType === 'atlassian');
  const managed = people.filter((u) => u.claimStatus === 'managed' && u.accountStatus === 'active');
  const byId = new Map(t.users.map((u) => [u.accountId, u]));
  const adminGroups = t.groups.filter((g) => g.grants.some((x) => x.role !== 'user'));
  const userGroups = new Set(
    t.groups.filter((g) => g.grants.some((x) => x.role === 'user')).map((g) => g.id),
  );
  const admins = new Set([
    ...people.filter((u) => u.platformRoles.length > 0).map((u) => u.accountId),
    ...adminGroups.flatMap((g) => g.memberIds),
  ]);
  flag('org_domain_verified', verified.size === 0);
  flag(
    'org_accounts_claimed',
    people.some((u) => verified.has(domainOf(u)) && u.claimStatus === 'unmanaged'),
  );
  flag(
    'org_no_dormant_managed_users',
    managed.some((u) => ago(u.lastActive) > 90 && ago(u.addedToOrg) > 30),
  );
  flag(
    'org_no_dormant_admins',
    managed.some((u) => admins.has(u.accountId) && ago(u.lastActive) > 30),
  );
  const orgAdmins = people.filter((u) => u.platformRoles.includes('atlassian/org-admin')).length;
  flag('org_admin_count_bounded', orgAdmins < 2 || orgAdmins > 4);
  flag(
    'org_site_admin_count_bounded',
    t.groups.some((g) => g.grants.some((x) => x.role === 'site-admin') && g.memberIds.length > 5),
  );
  flag(
    'org_2sv_enforced_non_sso',
    managed.some((u) => !u.mfaEnabled),
  );
  flag(
    'org_admins_strong_auth',
    managed.some((u) => admins.has(u.accountId) && !u.mfaEnabled),
  );
  flag(
    'org_external_users_reviewed',
    people.some((u) => !verified.has(domainOf(u)) && u.productAccess.length > 0),
  );
  flag('org_scim_provisioning', !t.directories.some((d) => d.type === 'scim'));
  flag(
    'org_ip_allowlist_enabled',
    !t.policies.some((p) => p.type === 'ip-allowlist' && p.status === 'enabled'),
  );
  flag(
    'org_no_stale_api_tokens',
    t.apiTokens.some(
      (k) => !k.revoked && byId.get(k.accountId)?.claimStatus === 'managed' && ago(k.lastAccess) > 90,
    ),
  );
  flag(
    'org_admin_api_keys_hygiene',
    t.orgApiKeys.some((k) => k.expiry === null || ago(k.lastUsed) > 90),
  );
  for (const site of t.sites) {
    const jira = site.jira;
    if (jira) {
      const grants = jira.permissionSchemes.flatMap((s) => s.grants);
      flag(
        'jira_permission_scheme_no_anyone',
        grants.some((g) => g.holder.type === 'anyone'),
      );
      flag(
        'jira_no_public_filters',
        jira.filters.some((f) => f.sharePermissions.some((s) => s.type === 'global')),
      );
      flag(
        'jira_no_public_dashboards',
        jira.dashboards.some((f) => f.sharePermissions.some((s) => s.type === 'global')),
      );
      flag('jira_browse_users_not_public', jira.anonymousGlobalPermissions.includes('USER_PICKER'));
      flag(
        'jira_project_admin_not_broad',
        jira.projects.some((p) =>
          p.roles.some((r) => r.roleId === 10002 && r.groupIds.some((id) => userGroups.has(id))),
        ) ||
          grants.some((g) => g.permission === 'ADMINISTER_PROJECTS' && userGroups.has(g.holder.value ?? '')),
      );
      flag(
        'jira_team_managed_not_open',
        jira.projects.some((p) => p.simplified && !p.isPrivate),
      );
      const jiraAdmins = new Set(
        adminGroups
          .filter((g) => g.grants.some((x) => x.siteId === site.id && x.product === 'jira'))
          .flatMap((g) => g.memberIds),
      );
      flag('jira_admin_count_bounded', jiraAdmins.size > 5);
    }
    const conf = site.confluence;
    if (conf) {
      const perms = conf.spaces.flatMap((s) => s.permissions);
      flag('conf_anonymous_site_disabled', conf.anonymousOperations.length > 0);
      flag(
        'conf_no_anonymous_space_access',
        perms.some((p) => p.subject.type === 'anonymous'),
      );
      flag(
        'conf_no_unlicensed_space_access',
        perms.some((p) => p.subject.type === 'unlicensed'),
      );
      flag(
        'conf_space_admin_not_broad',
        perms.some(
          (p) =>
            p.subject.type === 'group' &&
            userGroups.has(p.subject.groupId) &&
            (p.operation.key === 'administer' ||
              (p.operation.key === 'delete' && p.operation.targetType === 'space')),
        ),
      );
      flag(
        'conf_external_collaborators_reviewed',
        perms.some((p) => {
          const user = p.subject.type === 'user' ? byId.get(p.subject.accountId) : undefined;
          return user !== undefined && !verified.has(domainOf(user));
        }),
      );
    }
  }
  return found;
}

test('the demo builds a sound tenant: every reference resolves and every id is unique', () => {
  assert.deepEqual(integrityProblems(buildTenant({ scenario: 'demo' }, now)), []);
});

test('the demo is the same tenant on every build', () => {
  assert.deepEqual(buildTenant({ scenario: 'demo' }, now), buildTenant({ scenario: 'demo' }, now));
});

test('the demo is Acme with two sites on different plans and a few hundred users', () => {
  const t = buildTenant({ scenario: 'demo' }, now);
  assert.equal(t.org.name, 'Acme');
  assert.deepEqual(
    t.sites.map((s) => [s.name, s.jira?.plan, s.confluence?.plan]),
    [
      ['acme', 'STANDARD', 'PREMIUM'],
      ['acme-labs', 'PREMIUM', undefined],
    ],
  );
  const people = t.users.filter((u) => u.accountType !== 'app').length;
  assert.ok(people >= 250 && people <= 400, `${people} people`);
  const projects = t.sites.reduce((n, s) => n + (s.jira?.projects.length ?? 0), 0);
  assert.ok(projects >= 20 && projects <= 30, `${projects} projects`);
  const spaces = t.sites[0]?.confluence?.spaces.length ?? 0;
  assert.ok(spaces >= 12 && spaces <= 20, `${spaces} spaces`);
  assert.ok(t.events.length > 50 && (t.sites[0]?.jira?.audit.length ?? 0) > 20);
});

test('the demo has at least 25 apps covering every kind of app a governance review meets', () => {
  const t = buildTenant({ scenario: 'demo' }, now);
  assert.ok(t.apps.length >= 25, `${t.apps.length} apps`);
  const listing = new Map(t.marketplace.listings.map((l) => [l.appKey, l]));
  const has = (what: string, pred: (a: Tenant['apps'][number]) => boolean) =>
    assert.ok(t.apps.some(pred), what);
  has('Connect', (a) => a.framework === 'connect');
  has('Forge', (a) => a.framework === 'forge');
  has('system', (a) => a.framework === 'system');
  has('Atlassian-built', (a) => a.listed && a.vendor.id === 1);
  has(
    'trusted',
    (a) => listing.get(a.key)?.cloudFortified === 'approved' && listing.get(a.key)?.bugBounty === 'approved',
  );
  has(
    'ordinary listed',
    (a) => a.listed && listing.get(a.key)?.cloudFortified === 'not-requested' && a.vendor.id !== 1,
  );
  has('unknown vendor', (a) => !a.listed && !a.developmentMode && a.framework !== 'system');
  has('development mode', (a) => a.developmentMode);
  for (const scope of ['READ', 'WRITE', 'DELETE', 'PROJECT_ADMIN', 'SPACE_ADMIN', 'ADMIN', 'ACT_AS_USER']) {
    has(scope, (a) => a.scopes.includes(scope));
  }
  has('manage:jira-configuration', (a) => a.scopes.includes('manage:jira-configuration'));
  has('wildcard egress', (a) => a.egress.some((e) => e.startsWith('*.')));
  assert.ok(t.installations.some((i) => i.userInstalled) && t.installations.some((i) => !i.userInstalled));
  assert.ok(
    t.installations.some((i) => !i.enabled),
    'a disabled app',
  );
  assert.ok(
    t.installations.some((i) => i.license?.type === 'EVALUATION' && !i.license.active),
    'an expired evaluation',
  );
  assert.ok(t.installations.some((i) => i.environment === 'DEVELOPMENT'));
  for (const app of t.apps.filter((a) => a.listed)) assert.ok(listing.has(app.key), `listing for ${app.key}`);
  const admin = t.credentials.adminAccountId;
  for (const i of t.installations.filter((x) => x.userInstalled)) assert.notEqual(i.installedBy, admin);
});

test('the demo trips at least ten distinct posture checks, one per documented misconfiguration', () => {
  const found = findings(buildTenant({ scenario: 'demo' }, now));
  assert.ok(found.size >= 10, [...found].join(', '));
  for (const id of [
    'org_no_dormant_managed_users',
    'org_no_dormant_admins',
    'org_site_admin_count_bounded',
    'org_no_stale_api_tokens',
    'org_2sv_enforced_non_sso',
    'org_external_users_reviewed',
    'org_ip_allowlist_enabled',
    'jira_permission_scheme_no_anyone',
    'jira_no_public_filters',
    'jira_no_public_dashboards',
    'jira_browse_users_not_public',
    'jira_project_admin_not_broad',
    'conf_anonymous_site_disabled',
    'conf_no_anonymous_space_access',
    'conf_no_unlicensed_space_access',
    'conf_space_admin_not_broad',
    'conf_external_collaborators_reviewed',
    'jira_team_managed_not_open',
    'org_admin_api_keys_hygiene',
    'org_admins_strong_auth',
  ]) {
    assert.ok(found.has(id), id);
  }
});

test('without its misconfigurations the demo is clean: the same checks find nothing', () => {
  const demo = loadScenario('demo');
  const clean = buildFromScenario({ ...demo, misconfigurations: [] }, now);
  assert.deepEqual([...findings(clean)], []);
});

test('a size source builds the generated tenant for that size and seed', () => {
  assert.deepEqual(
    buildTenant({ size: 'small', seed: 4 }, now),
    generateTenant({ size: 'small', seed: 4, now }),
  );
});

const base = `
name: refs
description: Cross-reference checks
population: { users: 40, groups: 10, projects: 3, spaces: 2 }
org: { name: Refs, domain: refs.example }
sites:
  - name: refs
    products: { jira: STANDARD, confluence: STANDARD }
users:
  - email: ann@refs.example
`;

function buildText(text: string): Tenant {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-build-'));
  const file = join(dir, 'refs.yaml');
  writeFileSync(file, text);
  return buildTenant({ scenario: file }, now);
}

const app = (install: string, extra = '') => `${base}
apps:
  - key: com.example.app
    name: Example
    framework: forge
    vendor: { name: Example, url: 'https://example.example' }
    listed: false
    scopes: ['read:jira-work']
    installations: [${install}]
${extra}`;

test('an installation on a site the scenario does not declare is an error naming the field', () => {
  assert.throws(
    () => buildText(app('{ site: elsewhere, product: jira }')),
    /refs\.yaml: apps\[0\]\.installations\[0\]\.site: unknown site "elsewhere" \(sites: refs\)/,
  );
});

test('an installer e-mail that matches no user is an error naming the field', () => {
  assert.throws(
    () => buildText(app('{ site: refs, product: jira, installedBy: ghost@refs.example }')),
    /refs\.yaml: apps\[0\]\.installations\[0\]\.installedBy: unknown user e-mail "ghost@refs\.example"/,
  );
});

test('a listed app without Marketplace data, or from an undeclared vendor, is rejected', () => {
  const listed = app('{ site: refs, product: jira }').replace('listed: false', 'listed: true');
  assert.throws(
    () => buildText(listed),
    /refs\.yaml: apps\[0\]\.vendor: a listed app needs a Marketplace vendor/,
  );
  const named = listed.replace(
    "vendor: { name: Example, url: 'https://example.example' }",
    'vendor: Nobody Inc',
  );
  assert.throws(() => buildText(named), /refs\.yaml: apps\[0\]\.vendor: unknown vendor "Nobody Inc"/);
});

test('group members, misconfiguration targets and project leads must exist', () => {
  assert.throws(
    () => buildText(`${base}groups:\n  - name: team-x\n    members: [nobody@refs.example]\n`),
    /refs\.yaml: groups\[0\]\.members\[0\]: unknown user e-mail "nobody@refs\.example"/,
  );
  assert.throws(
    () =>
      buildText(
        `${base}misconfigurations:\n  - kind: conf_anonymous_space\n    site: refs\n    space: NOPE\n`,
      ),
    /refs\.yaml: misconfigurations\[0\]\.space: unknown space "NOPE"/,
  );
  assert.throws(
    () => buildText(`${base}misconfigurations:\n  - kind: jira_anyone_browse\n    site: nosite\n`),
    /refs\.yaml: misconfigurations\[0\]\.site: unknown site "nosite"/,
  );
  assert.throws(
    () => buildText(`${base}projects:\n  - { site: refs, key: ABC, name: Abc, lead: lost@refs.example }\n`),
    /refs\.yaml: projects\[0\]\.lead: unknown user e-mail/,
  );
});

test('named users layer onto the generated base with the roles, products and tokens the scenario gives them', () => {
  const t = buildText(
    `${base.replace(
      '  - email: ann@refs.example',
      `  - email: ann@refs.example
    name: Ann Admin
    orgAdmin: true
    siteAdmin: [refs]
    mfa: false
    lastActiveDaysAgo: 10
    apiTokens: [{ label: CI, createdDaysAgo: 50, lastUsedDaysAgo: null }]
  - email: contractor@gmail.com
    products: [{ site: refs, product: confluence }]`,
    )}`,
  );
  const ann = t.users.find((u) => u.email === 'ann@refs.example');
  assert.equal(ann?.name, 'Ann Admin');
  assert.deepEqual(ann?.platformRoles.sort(), ['atlassian/org-admin', 'atlassian/site-admin']);
  assert.equal(ann?.mfaEnabled, false);
  assert.equal(Math.round(ago(ann?.lastActive ?? null)), 10);
  assert.equal(t.apiTokens.find((k) => k.accountId === ann?.accountId && k.label === 'CI')?.lastAccess, null);
  const contractor = t.users.find((u) => u.email === 'contractor@gmail.com');
  assert.equal(contractor?.claimStatus, 'unmanaged');
  assert.deepEqual(
    contractor?.productAccess.map((a) => a.product),
    ['confluence'],
  );
});

const shapes = (sites: string) => `name: shapes
description: Sandbox and renamed sites
population: { users: 40, groups: 10, projects: 3, spaces: 2 }
org: { name: Shapes, domain: shapes.example }
sites:
${sites}`;

test('a scenario marks sandbox sites and turns a renamed site’s old names into redirects', () => {
  const tenant = buildText(
    shapes(`  - name: shapes
    products: { jira: STANDARD }
    formerNames: [shapes-old, shapes-older]
  - name: shapes-sandbox
    products: { jira: STANDARD }
    sandbox: true
`),
  );
  assert.deepEqual(
    tenant.sites.map((s) => [s.name, s.sandbox ?? false]),
    [
      ['shapes', false],
      ['shapes-sandbox', true],
    ],
  );
  assert.deepEqual(tenant.redirects, [
    { from: 'shapes-old', to: 'shapes' },
    { from: 'shapes-older', to: 'shapes' },
  ]);
  assert.deepEqual(integrityProblems(tenant), []);
});

test('a former name that is another site’s name is an error naming the field', () => {
  assert.throws(
    () =>
      buildText(
        shapes(`  - name: shapes
    products: { jira: STANDARD }
    formerNames: [shapes-two]
  - name: shapes-two
    products: { jira: STANDARD }
`),
      ),
    /refs\.yaml: sites\[0\]\.formerNames\[0\]: "shapes-two" is already a site name/,
  );
});
