import type { Tenant, User } from '../../simulator/tenant/model.ts';
import { TINY, tinyTenant } from '../../simulator/testing/tiny-tenant.ts';

// The tiny tenant grown until every list spans several pages, even at each endpoint's largest
// page size where that is small (admin v1: 20 or 100 per page, Jira field search: 50): synthetic
// users, groups, domains, policies, directories, events, projects, filters, dashboards, fields,
// audit records, spaces, space permissions and Forge installations. Everything synthetic is
// reachable by the tiny admin (Ada), so what a list shows is the whole list.

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${hex(n, 12)}`;

export const GROWTH = {
  users: 110,
  groups: 25,
  domains: 21,
  policies: 22,
  directories: 8,
  events: 105,
  projects: 25,
  filters: 25,
  dashboards: 25,
  fields: 60,
  jiraAudit: 30,
  spaces: 25,
  spacePermissions: 30,
  confluenceAudit: 30,
  forgeApps: 25,
} as const;

export function enlargedTinyTenant(now = new Date('2026-11-01T12:00:00Z')): Tenant {
  const t = tinyTenant(now);
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  const site = t.sites.find((s) => s.id === TINY.siteA);
  if (!site?.jira || !site.confluence) throw new Error('the tiny tenant lost site A');
  const jira = site.jira;
  const confluence = site.confluence;
  const jiraUsers = t.groups.find((g) => g.name === 'jira-software-users-acme');
  const confluenceUsers = t.groups.find((g) => g.name === 'confluence-users-acme');
  if (!jiraUsers || !confluenceUsers) throw new Error('the tiny tenant lost its product groups');

  const people: User[] = [];
  for (let i = 0; i < GROWTH.users; i++) {
    people.push({
      accountId: `5b10a2844c2016570${hex(i, 7)}`,
      accountType: 'atlassian',
      accountStatus: 'active',
      membershipStatus: 'active',
      name: `Synthetic Person ${pad(i, 3)}`,
      nickname: `Person${pad(i, 3)}`,
      email: `person${pad(i, 3)}@acme.example`,
      emailVerified: true,
      claimStatus: 'managed',
      managementSource: 'invited',
      platformRoles: [],
      mfaEnabled: i % 3 !== 0,
      addedToOrg: daysAgo(300 + i),
      lastActive: daysAgo(i % 90),
      jobTitle: null,
      department: null,
      timeZone: 'Europe/Berlin',
      productAccess: [
        { siteId: TINY.siteA, product: 'jira', lastActive: null },
        { siteId: TINY.siteA, product: 'confluence', lastActive: null },
      ],
    });
  }
  t.users.push(...people);
  // Enough members for several pages of group members at 7 and at 50, no more (walks cost time).
  jiraUsers.memberIds.push(...people.slice(0, 60).map((p) => p.accountId));
  confluenceUsers.memberIds.push(...people.slice(0, 30).map((p) => p.accountId));

  for (let i = 0; i < GROWTH.groups; i++) {
    t.groups.push({
      id: uuid('0b000000', i),
      name: `team-${pad(i, 2)}`,
      description: `Synthetic team ${i}`,
      memberIds: people.slice(i, i + 3).map((p) => p.accountId),
      grants: [],
      managedBy: 'team-members',
    });
  }
  for (let i = 0; i < GROWTH.domains; i++) {
    t.domains.push({
      id: uuid('d1000000', i),
      name: `sub${pad(i, 2)}.acme.example`,
      claim: { type: 'dns', status: 'VERIFIED' },
    });
  }
  for (let i = 0; i < GROWTH.policies; i++) {
    t.policies.push({
      id: uuid('p1000000', i),
      type: i % 2 === 0 ? 'ip-allowlist' : 'data-residency',
      name: `Policy ${pad(i, 2)}`,
      status: 'enabled',
      rule: { ipRanges: [`198.51.100.${i}/32`] },
      resources: [],
    });
  }
  for (let i = 0; i < GROWTH.directories; i++) {
    t.directories.push({ directoryId: uuid('e1000000', i), name: `IdP directory ${i}`, type: 'scim' });
  }
  for (let i = 0; i < GROWTH.events; i++) {
    t.events.push({
      id: uuid('ev100000', i),
      time: daysAgo(20 + i / 10),
      action: 'user_added_to_group',
      actor: { id: TINY.admin, name: 'Ada Admin' },
      context: [{ id: people[i % people.length]?.accountId ?? TINY.member, type: 'users', attributes: {} }],
      container: [{ id: t.org.id, type: 'organizations', attributes: { name: t.org.name } }],
      location: { ip: '198.51.100.9', geo: 'Berlin, DE' },
    });
  }

  for (let i = 0; i < GROWTH.projects; i++) {
    jira.projects.push({
      id: String(11000 + i),
      key: `SYN${pad(i, 2)}`,
      name: `Synthetic project ${i}`,
      projectTypeKey: 'software',
      simplified: false,
      isPrivate: false,
      leadAccountId: TINY.admin,
      permissionSchemeId: 10000,
      issueSecuritySchemeId: null,
      roles: [],
      archived: false,
      totalIssueCount: i,
      lastIssueUpdateTime: daysAgo(i),
    });
  }
  for (let i = 0; i < GROWTH.filters; i++) {
    jira.filters.push({
      id: String(12000 + i),
      name: `Synthetic filter ${pad(i, 2)}`,
      description: '',
      jql: `project = SYN${pad(i, 2)}`,
      ownerAccountId: TINY.admin,
      sharePermissions: i % 2 === 0 ? [{ id: 1000 + i, type: 'global' }] : [],
    });
  }
  for (let i = 0; i < GROWTH.dashboards; i++) {
    jira.dashboards.push({
      id: String(13000 + i),
      name: `Synthetic dashboard ${pad(i, 2)}`,
      description: '',
      ownerAccountId: TINY.admin,
      sharePermissions: [],
    });
  }
  for (let i = 0; i < GROWTH.fields; i++) {
    jira.fields.push({
      id: `customfield_${20000 + i}`,
      name: `Synthetic field ${i}`,
      custom: true,
      schemaType: 'string',
    });
  }
  for (let i = 0; i < GROWTH.jiraAudit; i++) {
    jira.audit.push({
      id: 100 + i,
      summary: `Synthetic change ${i}`,
      created: daysAgo(30 - i / 2),
      category: 'user management',
      eventSource: '',
      authorAccountId: TINY.admin,
      remoteAddress: '198.51.100.7',
      objectItem: { id: String(i), name: `object ${i}`, typeName: 'USER' },
      changedValues: [],
    });
  }

  for (let i = 0; i < GROWTH.spaces; i++) {
    const permissions = [
      {
        id: String(30000 + i * 100),
        subject: { type: 'group' as const, groupId: confluenceUsers.id },
        operation: { key: 'read', targetType: 'space' },
      },
    ];
    // The first synthetic space carries many grants, for the space-permission walk.
    const extra = i === 0 ? GROWTH.spacePermissions : 0;
    for (let k = 0; k < extra; k++) {
      permissions.push({
        id: String(30000 + i * 100 + k + 1),
        subject: { type: 'group', groupId: uuid('0b000000', k % GROWTH.groups) },
        operation: { key: k % 2 === 0 ? 'read' : 'create', targetType: k % 2 === 0 ? 'space' : 'page' },
      });
    }
    confluence.spaces.push({
      id: String(70000 + i),
      key: `SYN${pad(i, 2)}`,
      name: `Synthetic space ${i}`,
      type: 'global',
      status: 'current',
      authorId: TINY.admin,
      createdAt: daysAgo(100 + i),
      homepageId: String(80000 + i),
      description: '',
      permissions,
    });
  }
  for (let i = 0; i < GROWTH.confluenceAudit; i++) {
    confluence.audit.push({
      authorAccountId: TINY.admin,
      remoteAddress: '198.51.100.7',
      creationDate: now.getTime() - (10 + i) * 3_600_000,
      summary: `Synthetic Confluence change ${i}`,
      description: '',
      category: 'Permissions',
      sysAdmin: false,
      affectedObject: { name: `SYN${pad(i, 2)}`, objectType: 'Space' },
      changedValues: [],
    });
  }

  for (let i = 0; i < GROWTH.forgeApps; i++) {
    const key = `synthetic-forge-app-${pad(i, 2)}`;
    const appAccountId = `557058:${uuid('f2000000', i)}`;
    t.apps.push({
      key,
      name: `Synthetic Forge app ${i}`,
      description: 'Synthetic',
      version: '1.0.0',
      framework: 'forge',
      appId: uuid('a8000000', i),
      vendor: { name: 'Synthetic Vendor', url: 'https://synthetic.example' },
      scopes: ['read:jira-work'],
      egress: [],
      listed: false,
      developmentMode: false,
      products: ['jira'],
    });
    t.users.push({
      accountId: appAccountId,
      accountType: 'app',
      accountStatus: 'active',
      membershipStatus: 'active',
      name: `Synthetic Forge app ${i}`,
      nickname: `Synthetic${i}`,
      email: `${key}@connect.atlassian.com`,
      emailVerified: true,
      claimStatus: 'unmanaged',
      managementSource: null,
      platformRoles: [],
      mfaEnabled: false,
      addedToOrg: daysAgo(60),
      lastActive: null,
      jobTitle: null,
      department: null,
      timeZone: 'UTC',
      productAccess: [],
      appKey: key,
    });
    t.installations.push({
      appKey: key,
      siteId: TINY.siteA,
      product: 'jira',
      enabled: true,
      userInstalled: true,
      installedAt: daysAgo(40 - i),
      installedBy: TINY.admin,
      appAccountId,
      license: null,
      environment: 'PRODUCTION',
    });
  }
  return t;
}
