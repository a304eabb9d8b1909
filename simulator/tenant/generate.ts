// The seeded tenant generator: the same (size, seed, now) always gives the same tenant, every time
// relative to `now`. Scenarios start from generateFromSpec and layer their own records on top.

import { generateApps } from './gen-apps.ts';
import { AuditWriter, generateAudit } from './gen-audit.ts';
import { ensureCredentialMembers, generateBitbucket } from './gen-bitbucket.ts';
import { generateConfluence } from './gen-confluence.ts';
import { finalizeTenant } from './gen-finalize.ts';
import {
  confAdminsGroup,
  confUsersGroup,
  generateGroups,
  jiraAdminsGroup,
  jiraUsersGroup,
} from './gen-groups.ts';
import { generateInstallations } from './gen-installations.ts';
import { generateJira } from './gen-jira.ts';
import { addAppField } from './gen-jira-fields.ts';
import {
  apiTokens,
  directories,
  domains,
  freshToken,
  oauthClient,
  orgApiKeys,
  policies,
  scopedToken,
} from './gen-org.ts';
import type { GenSpec, Size } from './gen-spec.ts';
import { sizeSpec } from './gen-spec.ts';
import { generatePeople } from './gen-users.ts';
import { isoDaysAgo, stream } from './gen-util.ts';
import type { ConfluencePlan, Group, JiraPlan, Site, Tenant, User } from './model.ts';

export function generateTenant(options: { size: Size; seed: number; now: Date }): Tenant {
  return generateFromSpec(sizeSpec(options.size, options.seed, options.now));
}

function emptyJira(plan: JiraPlan): NonNullable<Site['jira']> {
  return {
    plan,
    projects: [],
    permissionSchemes: [],
    roles: [],
    filters: [],
    dashboards: [],
    issueSecuritySchemes: [],
    fields: [],
    audit: [],
    applicationProperties: [],
    anonymousGlobalPermissions: [],
    configuration: { votingEnabled: true, watchingEnabled: true, attachmentsEnabled: true },
  };
}

function emptyConfluence(plan: ConfluencePlan): NonNullable<Site['confluence']> {
  return { plan, spaces: [], anonymousOperations: [], audit: [] };
}

/** Splits `total` over `parts`, the first part getting the most (the org's main site). */
export function split(total: number, parts: number): number[] {
  if (parts === 0) return [];
  const weights =
    parts === 1 ? [1] : parts === 2 ? [0.7, 0.3] : [0.6, 0.25, ...Array(parts - 2).fill(0.15 / (parts - 2))];
  const counts = weights.map((w) => Math.floor(total * w));
  counts[0] = (counts[0] ?? 0) + total - counts.reduce((a, b) => a + b, 0);
  return counts;
}

export function generateFromSpec(spec: GenSpec): Tenant {
  const { seed, now } = spec;
  const siteRng = stream(seed, 'sites');
  const sites: Site[] = spec.sites.map((s, i) => {
    const site: Site = {
      id: siteRng.uuid(),
      name: s.name,
      title: s.title,
      createdAt: isoDaysAgo(now, 1600 - i * 300),
    };
    if (s.jira) site.jira = emptyJira(s.jira);
    if (s.confluence) site.confluence = emptyConfluence(s.confluence);
    return site;
  });
  const humanCount = Math.max(12, spec.users - spec.apps);
  const people = generatePeople(spec, sites, humanCount);
  const generated = generateApps(spec, sites);
  const installs = generateInstallations(spec, sites, generated.apps, generated.listings, people);
  const { groups, teams } = generateGroups(spec, sites, people, installs.appUsers);
  const byName = new Map(groups.map((g) => [g.name, g]));
  const group = (name: string): Group => {
    const found = byName.get(name);
    if (!found) throw new Error(`generator lost group ${name}`);
    return found;
  };
  const teamPool = (n: number): Group[] => (teams.length > 0 ? teams : []).slice(0, Math.max(1, n));
  const jiraSites = sites.filter((s) => s.jira);
  const confSites = sites.filter((s) => s.confluence);
  const projectCounts = split(spec.projects, jiraSites.length);
  const spaceCounts = split(spec.spaces, confSites.length);
  const serviceAccount: User | undefined = people.staff[people.staff.length - 1];
  jiraSites.forEach((site, i) => {
    const plan = site.jira?.plan ?? 'STANDARD';
    site.jira = generateJira({
      rng: stream(seed, `jira:${site.name}`),
      now,
      posture: spec.posture,
      site,
      plan,
      projects: projectCounts[i] ?? 0,
      jiraUsers: group(jiraUsersGroup(site.name)),
      jiraAdmins: group(jiraAdminsGroup(site.name)),
      teams: teamPool(teams.length),
      members: people.jiraUsers.get(site.id) ?? people.staff,
      customers: people.customers,
      serviceAccountId: serviceAccount?.accountId ?? '',
    });
  });
  confSites.forEach((site, i) => {
    site.confluence = generateConfluence({
      rng: stream(seed, `confluence:${site.name}`),
      now,
      posture: spec.posture,
      plan: site.confluence?.plan ?? 'STANDARD',
      spaces: spaceCounts[i] ?? 0,
      confUsers: group(confUsersGroup(site.name)),
      confAdmins: group(confAdminsGroup(site.name)),
      teams,
      members: people.confUsers.get(site.id) ?? people.staff,
    });
  });
  const orgRng = stream(seed, 'org-records');
  const tenant: Tenant = {
    builtAt: now.toISOString(),
    org: { id: stream(seed, 'org').uuid(), name: spec.orgName },
    users: [...people.humans, ...installs.appUsers],
    groups,
    domains: domains(orgRng, spec),
    policies: policies(orgRng, spec, sites),
    directories: directories(orgRng, spec),
    events: [],
    apiTokens: apiTokens(orgRng, spec, people.staff),
    orgApiKeys: orgApiKeys(orgRng, spec),
    sites,
    apps: generated.apps,
    installations: installs.installations,
    marketplace: { vendors: generated.vendors, listings: generated.listings },
    oauthClients: [oauthClient(orgRng)],
    credentials: {
      adminAccountId: '',
      adminTokenId: '',
      memberAccountId: '',
      memberTokenId: '',
      orgApiKeyId: '',
      scopedOrgApiKeyId: '',
      oauthClientId: '',
    },
  };
  const admin = people.orgAdmins[0];
  const primary = sites[0];
  const admins = new Set(tenant.users.filter((u) => u.platformRoles.length > 0).map((u) => u.accountId));
  for (const ids of [people.siteAdmins, people.jiraAdmins, people.confAdmins]) {
    for (const list of ids.values()) for (const u of list) admins.add(u.accountId);
  }
  const confMembers = new Set(
    (primary ? people.confUsers.get(primary.id) : undefined)?.map((u) => u.accountId),
  );
  const jiraMembers = (primary ? people.jiraUsers.get(primary.id) : undefined) ?? people.staff;
  const member =
    jiraMembers.find(
      (u) => people.staff.includes(u) && !admins.has(u.accountId) && confMembers.has(u.accountId),
    ) ?? jiraMembers.find((u) => people.staff.includes(u) && !admins.has(u.accountId));
  if (!admin || !member)
    throw new Error('the population is too small to hold an admin and a member credential');
  setCredentials(tenant, admin, member, stream(seed, 'credentials'), now);
  tenant.bitbucket = [
    generateBitbucket({
      rng: stream(seed, 'bitbucket'),
      now,
      posture: spec.posture,
      slug: primary?.name ?? 'workspace',
      name: spec.orgName,
      domain: spec.domain,
      repositories: Math.max(8, Math.round(spec.projects / 4)),
      owners: [admin, ...people.orgAdmins.filter((u) => u !== admin)].slice(0, 3),
      members: people.staff.filter((u) => u.accountStatus === 'active').slice(0, Math.max(20, spec.projects)),
    }),
  ];
  ensureCredentialMembers(tenant);
  const writer = new AuditWriter(stream(seed, 'audit'), tenant, now);
  generateAudit(writer, {
    rng: stream(seed, 'audit-activity'),
    now,
    tenant,
    admins: [...admins],
    scale: Math.min(1000, Math.max(40, Math.round(spec.users / 25))),
  });
  const fieldRng = stream(seed, 'app-fields');
  const appsByKey = new Map(tenant.apps.map((a) => [a.key, a]));
  for (const inst of tenant.installations) {
    const app = appsByKey.get(inst.appKey);
    if (!app) continue;
    writer.appInstalled(inst, app);
    const jira = inst.product === 'jira' ? sites.find((s) => s.id === inst.siteId)?.jira : undefined;
    if (jira) addAppField(jira, app, fieldRng);
  }
  finalizeTenant(tenant);
  return tenant;
}

/**
 * Points the operator's credentials at `admin` and `member`, each with a fresh API token, and
 * gives the admin a second token created with scopes (for the gateway).
 */
export function setCredentials(
  tenant: Tenant,
  admin: User,
  member: User,
  rng: ReturnType<typeof stream>,
  now: Date,
): void {
  const adminToken = freshToken(rng, now, admin, 'Palisade admin scan');
  const memberToken = freshToken(rng, now, member, 'Palisade member check');
  // Drawn after the two above, so adding it changed none of the earlier tokens.
  const scoped = scopedToken(rng, now, admin, 'Palisade scoped scan');
  tenant.apiTokens.push(adminToken, memberToken, scoped);
  const [unscopedKey, scopedKey] = [
    tenant.orgApiKeys.find((k) => k.scopes === null),
    tenant.orgApiKeys.find((k) => k.scopes !== null),
  ];
  tenant.credentials = {
    adminAccountId: admin.accountId,
    adminTokenId: adminToken.id,
    memberAccountId: member.accountId,
    memberTokenId: memberToken.id,
    scopedTokenId: scoped.id,
    orgApiKeyId: unscopedKey?.id ?? '',
    scopedOrgApiKeyId: scopedKey?.id ?? '',
    oauthClientId: tenant.oauthClients[0]?.clientId ?? '',
  };
}
