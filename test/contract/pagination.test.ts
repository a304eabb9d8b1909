import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Tenant } from '../../simulator/tenant/model.ts';
import { type Endpoint, endpoints } from '../../src/atlassian/catalogue/index.ts';
import { authorization, defaultCaller, fetchReply, urlOf } from './client.ts';
import { enlargedTinyTenant } from './enlarge.ts';
import type { Fixture } from './fixture.ts';
import { requestsFor } from './requests.ts';
import { GENERATED_TENANT, useContractSimulator } from './tenants.ts';
import { hasWalker, walk } from './walkers.ts';

// Every paginated catalogue endpoint, walked the way a client would (walkers.ts) at page sizes
// 1, 7 and the endpoint's maximum, on a tenant big enough for several pages (the tiny tenant
// grown by enlarge.ts), then at 7 and the maximum on the small generated tenant: each item must
// come back exactly once and the count must be the tenant's.

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));

interface ListExpectation {
  /** The identity of one returned item. */
  key: (item: Json) => string;
  /** The identities the whole list must hold, from the tenant (as the admin sees it). */
  expected: (f: Fixture) => string[];
}

const siteInstallations = (f: Fixture) =>
  f.tenant.installations.filter((i) => i.siteId === f.site.id && i.product === 'jira');

/** Accounts on the fixture site: people with access to it, and the accounts of apps installed there. */
function siteUserBase(f: Fixture): string[] {
  const installed = new Set(
    f.tenant.installations.filter((i) => i.siteId === f.site.id).map((i) => i.appKey),
  );
  const granted = new Set(
    f.tenant.groups.filter((g) => g.grants.some((x) => x.siteId === f.site.id)).map((g) => g.id),
  );
  return f.tenant.users
    .filter((u) => {
      if (u.accountType === 'customer') return false;
      if (u.accountType === 'app') return u.appKey !== undefined && installed.has(u.appKey);
      return (
        u.platformRoles.some((r) => r === 'atlassian/org-admin' || r === 'atlassian/site-admin') ||
        u.productAccess.some((p) => p.siteId === f.site.id) ||
        f.tenant.groups.some((g) => granted.has(g.id) && g.memberIds.includes(u.accountId))
      );
    })
    .map((u) => u.accountId);
}

function dcSite(f: Fixture, product: 'jira-data-center' | 'confluence-data-center') {
  const site = f.tenant.dataCenterSites?.find((s) => s.product === product);
  if (!site) throw new Error(`the tenant has no ${product} site`);
  return site;
}

/** Members of a Data Center group: Jira lists active ones unless asked, Confluence everyone. */
function dcMembers(
  f: Fixture,
  product: 'jira-data-center' | 'confluence-data-center',
  group: string,
  withInactive: boolean,
): string[] {
  return dcSite(f, product)
    .users.filter((u) => u.groups.includes(group) && (withInactive || u.active))
    .map((u) => u.name);
}

/** Jira dashboards the admin may see: own, shared with everyone, with a group of theirs, or a project. */
function dashboardsForAdmin(f: Fixture): string[] {
  const admin = f.tenant.credentials.adminAccountId;
  const mine = new Set(f.tenant.groups.filter((g) => g.memberIds.includes(admin)).map((g) => g.id));
  return f.site.jira.dashboards
    .filter(
      (d) =>
        d.ownerAccountId === admin ||
        d.sharePermissions.some(
          (s) =>
            ['global', 'loggedin', 'authenticated', 'project', 'projectRole'].includes(s.type) ||
            (s.type === 'group' && s.groupId !== undefined && mine.has(s.groupId)) ||
            (s.type === 'user' && s.accountId === admin),
        ),
    )
    .map((d) => d.id);
}

const byUuid = (i: Json) => str(i.uuid);

const lists: Record<string, ListExpectation> = {
  // Bitbucket: the fixture workspace's lists, an owner sees them whole.
  'bitbucket.workspacePermissions.list': {
    key: (i) => str((i.user as Json | undefined)?.uuid),
    expected: (f) => f.bitbucket.workspace.members.map((m) => m.uuid),
  },
  'bitbucket.projects.list': {
    key: byUuid,
    expected: (f) => f.bitbucket.workspace.projects.map((p) => p.uuid),
  },
  'bitbucket.repositories.list': {
    key: byUuid,
    expected: (f) => f.bitbucket.workspace.repositories.map((r) => r.uuid),
  },
  'bitbucket.branchRestrictions.list': {
    key: (i) => str(i.id),
    expected: (f) => f.bitbucket.repository.branchRestrictions.map((b) => String(b.id)),
  },
  'bitbucket.repositoryDeployKeys.list': {
    key: (i) => str(i.id),
    expected: (f) => f.bitbucket.repository.deployKeys.map((k) => String(k.id)),
  },
  'bitbucket.projectDeployKeys.list': {
    key: (i) => str(i.id),
    expected: (f) => f.bitbucket.project.deployKeys.map((k) => String(k.id)),
  },
  'bitbucket.workspaceHooks.list': {
    key: byUuid,
    expected: (f) => f.bitbucket.workspace.webhooks.map((h) => h.uuid),
  },
  'bitbucket.repositoryHooks.list': {
    key: byUuid,
    expected: (f) => f.bitbucket.repository.webhooks.map((h) => h.uuid),
  },
  'bitbucket.workspaceVariables.list': {
    key: byUuid,
    expected: (f) => f.bitbucket.workspace.variables.map((v) => v.uuid),
  },
  'bitbucket.repositoryVariables.list': {
    key: byUuid,
    expected: (f) => f.bitbucket.repository.variables.map((v) => v.uuid),
  },
  'bitbucket.environments.list': {
    key: byUuid,
    expected: (f) => f.bitbucket.repository.environments.map((e) => e.uuid),
  },
  'bitbucket.deploymentVariables.list': {
    key: byUuid,
    expected: (f) => f.bitbucket.environment.variables.map((v) => v.uuid),
  },
  'admin.orgs.list': { key: (i) => str(i.id), expected: (f) => [f.tenant.org.id] },
  // v1 users: the org's managed Atlassian accounts only.
  'admin.users.list': {
    key: (i) => str(i.account_id),
    expected: (f) =>
      f.tenant.users
        .filter((u) => u.accountType === 'atlassian' && u.claimStatus === 'managed')
        .map((u) => u.accountId),
  },
  'admin.domains.list': { key: (i) => str(i.id), expected: (f) => f.tenant.domains.map((d) => d.id) },
  'admin.events.list': { key: (i) => str(i.id), expected: (f) => f.tenant.events.map((e) => e.id) },
  'admin.policies.list': { key: (i) => str(i.id), expected: (f) => f.tenant.policies.map((p) => p.id) },
  'admin.directories.list': {
    key: (i) => str(i.directoryId),
    expected: (f) => f.tenant.directories.map((d) => d.directoryId),
  },
  // v2 directory users (directory `-`): every Atlassian account; app and portal accounts are not members.
  'admin.directory.users.list': {
    key: (i) => str(i.accountId),
    expected: (f) => f.tenant.users.filter((u) => u.accountType === 'atlassian').map((u) => u.accountId),
  },
  'admin.directory.groups.list': { key: (i) => str(i.id), expected: (f) => f.tenant.groups.map((g) => g.id) },
  // Their replacements (POST …/search) list the same.
  'admin.directory.users.search': {
    key: (i) => str(i.accountId),
    expected: (f) => f.tenant.users.filter((u) => u.accountType === 'atlassian').map((u) => u.accountId),
  },
  'admin.directory.groups.search': {
    key: (i) => str(i.id),
    expected: (f) => f.tenant.groups.map((g) => g.id),
  },
  // One workspace per product of each site, identified by the product's site ARI.
  'admin.workspaces.search': {
    key: (i) => str(i.id),
    expected: (f) =>
      f.tenant.sites.flatMap((s) => [
        ...(s.jira ? [`ari:cloud:jira::site/${s.id}`] : []),
        ...(s.confluence ? [`ari:cloud:confluence::site/${s.id}`] : []),
      ]),
  },
  // The API Access lists: every live token of a managed account, and every live org API key.
  'admin.apiAccess.apiTokens.list': {
    key: (i) => str(i.id),
    expected: (f) => {
      const managed = new Set(
        f.tenant.users
          .filter((u) => u.accountType === 'atlassian' && u.claimStatus === 'managed')
          .map((u) => u.accountId),
      );
      return f.tenant.apiTokens.filter((t) => !t.revoked && managed.has(t.accountId)).map((t) => t.id);
    },
  },
  'admin.apiAccess.apiKeys.list': {
    key: (i) => str(i.id),
    expected: (f) => f.tenant.orgApiKeys.filter((k) => !k.revoked).map((k) => k.id),
  },
  'jira.projects.search': {
    key: (i) => str(i.id),
    expected: (f) => f.site.jira.projects.filter((p) => !p.archived).map((p) => p.id),
  },
  'dc.jira.groupMembers.list': {
    key: (i) => str(i.name),
    expected: (f) => dcMembers(f, 'jira-data-center', 'jira-software-users', false),
  },
  'dc.confluence.groupMembers.list': {
    key: (i) => str(i.username),
    expected: (f) => dcMembers(f, 'confluence-data-center', 'confluence-users', true),
  },
  'dc.confluence.space.list': {
    key: (i) => str(i.key),
    expected: (f) => dcSite(f, 'confluence-data-center').spaces.map((s) => s.key),
  },
  'jira.groups.list': { key: (i) => str(i.groupId), expected: (f) => f.tenant.groups.map((g) => g.id) },
  // includeInactiveUsers=true (requests.ts): every member.
  'jira.groupMembers.list': {
    key: (i) => str(i.accountId),
    expected: (f) => f.tenant.groups.find((g) => g.id === f.groupId)?.memberIds ?? [],
  },
  // "All users, including active users, inactive users and previously deleted users that have an
  // Atlassian account" (the spec): the site's user base, app accounts of its apps, no JSM customers.
  'jira.users.search': { key: (i) => str(i.accountId), expected: siteUserBase },
  'jira.auditRecords.list': {
    key: (i) => str(i.id),
    expected: (f) => f.site.jira.audit.map((r) => String(r.id)),
  },
  // overrideSharePermissions=true (requests.ts): an admin sees every filter.
  'jira.filters.search': { key: (i) => str(i.id), expected: (f) => f.site.jira.filters.map((x) => x.id) },
  'jira.dashboards.search': { key: (i) => str(i.id), expected: dashboardsForAdmin },
  'jira.fields.search': { key: (i) => str(i.id), expected: (f) => f.site.jira.fields.map((x) => x.id) },
  // A Confluence administrator sees every space (simulator/routes/confluence-access.ts `canView`).
  'confluence.spaces.list': {
    key: (i) => str(i.id),
    expected: (f) => f.site.confluence.spaces.map((s) => s.id),
  },
  'confluence.spacePermissions.list': {
    key: (i) => str(i.id),
    expected: (f) => f.space.permissions.map((p) => p.id),
  },
  'confluence.spacesWithPermissions.list': {
    key: (i) => str(i.key),
    expected: (f) => f.site.confluence.spaces.map((s) => s.key),
  },
  'confluence.groups.list': { key: (i) => str(i.id), expected: (f) => f.tenant.groups.map((g) => g.id) },
  'confluence.groupMembers.list': {
    key: (i) => str(i.accountId),
    expected: (f) => f.tenant.groups.find((g) => g.id === f.groupId)?.memberIds ?? [],
  },
  // v1 audit records carry no id: creation time and summary tell them apart.
  'confluence.auditRecords.list': {
    key: (i) => `${str(i.creationDate)}|${str(i.summary)}`,
    expected: (f) => f.site.confluence.audit.map((r) => `${r.creationDate}|${r.summary}`),
  },
  // The gateway lists Forge and Connect-on-Forge installations (apps with a Forge app id).
  'graphql.appInstallations.list': {
    key: (i) => str((i.app as Json | undefined)?.id),
    expected: (f) =>
      siteInstallations(f).flatMap((i) => {
        const app = f.tenant.apps.find((a) => a.key === i.appKey);
        return app?.appId ? [`ari:cloud:ecosystem::app/${app.appId}`] : [];
      }),
  },
};

const paginated = endpoints.filter((e) => e.pagination !== 'none');

/** Page sizes to walk with: 1, a prime, and the largest the endpoint honours (once each). */
function sizesFor(e: Endpoint, small: readonly number[]): (number | undefined)[] {
  // Admin v1 lists take no page size (the spec has only `cursor`): the server's page is the size.
  if (e.pagination === 'admin-cursor' || !e.pageSize) return [undefined];
  return [...new Set([...small, e.pageSize.max])];
}

/** A readable diff between the keys a walk returned and the tenant's. */
function compare(got: string[], want: string[]): string | undefined {
  const count = (keys: string[]) =>
    keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  const g = count(got);
  const w = count(want);
  const missing = [...w.keys()].filter((k) => !g.has(k));
  const extra = [...g.keys()].filter((k) => !w.has(k));
  const repeated = [...g.entries()]
    .filter(([k, n]) => w.has(k) && n > (w.get(k) ?? 0))
    .map(([k, n]) => `${k} ×${n}`);
  if (missing.length + extra.length + repeated.length === 0) return undefined;
  const show = (l: string[]) =>
    `${l.length}${l.length ? ` (${l.slice(0, 5).join(', ')}${l.length > 5 ? ', ...' : ''})` : ''}`;
  return `returned ${got.length} of ${want.length}: missing ${show(missing)}, unexpected ${show(extra)}, repeated ${show(repeated)}`;
}

function paginationSuite(name: string, makeTenant: () => Promise<Tenant>, small: readonly number[]): void {
  describe(`on the ${name}`, () => {
    const sim = useContractSimulator(makeTenant);

    for (const e of paginated) {
      const expectation = lists[e.id];
      if (!expectation || !hasWalker(e.pagination)) continue;
      for (const size of sizesFor(e, small)) {
        const at = size === undefined ? "at the server's page size" : `${size} per page`;
        test(`${e.id} (${e.pagination}) returns every item exactly once, ${at}`, async () => {
          const { h, f } = sim;
          const [base = {}] = requestsFor(e.id, f);
          const auth = authorization(h.sim, e, base.as ?? defaultCaller(e));
          const result = await walk(
            e.pagination,
            (method, url, body) => fetchReply(method, url, auth, body),
            {
              method: e.method,
              url: urlOf(h.sim, f, e, base),
              body: base.body,
              pageSize: size,
            },
          );
          assert.deepEqual(result.problems, [], `${e.id}: the walk went wrong`);
          const want = expectation.expected(f);
          const diff = compare(
            result.items.map((item) => expectation.key((item ?? {}) as Json)),
            want,
          );
          assert.equal(diff, undefined, `${e.id} ${at}: ${diff}`);
          if (result.total !== undefined) assert.equal(result.total, want.length, `${e.id}: reported total`);
          if (size !== undefined && want.length > size) {
            assert.ok(
              result.pages >= Math.ceil(want.length / size),
              `${e.id}: ${want.length} items came in ${result.pages} pages of at most ${size}`,
            );
          }
        });
      }
    }
  });
}

test('every paginated catalogue endpoint is walked', () => {
  assert.deepEqual(
    paginated.filter((e) => !lists[e.id] || !hasWalker(e.pagination)).map((e) => `${e.id} (${e.pagination})`),
    [],
  );
});

paginationSuite('tiny tenant, enlarged to several pages per list', async () => enlargedTinyTenant(), [1, 7]);

// Realistic data on top of the enlarged tiny tenant's volume; one item per page was walked there.
paginationSuite(GENERATED_TENANT.name, GENERATED_TENANT.build, [7]);
