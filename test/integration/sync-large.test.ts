import assert from 'node:assert/strict';
import { after } from 'node:test';
import type { Tenant } from '../../simulator/tenant/model.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { defaultCollectors, describedCollectors, minimumCalls } from '../../src/sync/collectors/index.ts';
import { syncConnection } from '../../src/sync/sync-connection.ts';
import { duplicateOpenRows, type InventoryView, readInventory, records, viewId } from './inventory-view.ts';
import { type SimulatedOrg, startSimulatedOrg } from './simulated-org.ts';
import { expectedOrgUsers, publiclyShared } from './tenant-expectations.ts';

// The `large` generated tenant (10,000 users, 800 groups, 2 sites, 500 projects, 300 spaces, 120
// apps) synced end to end into each database: counts match the tenant and the calls made stay
// within 1.1x of the minimum the APIs allow (src/sync/collectors/minimum-calls.ts). One simulator
// serves both database variants: a sync changes nothing in the tenant it reads.

let shared: Promise<SimulatedOrg> | undefined;
const simulatedOrg = () => {
  shared ??= startSimulatedOrg({ size: 'large', seed: 1 });
  return shared;
};
after(async () => {
  if (shared) await (await shared).stop();
});

/** What each dataset must count, straight from the tenant. */
function expectedCounts(t: Tenant): Map<string, number> {
  const counts = new Map<string, number>([
    [viewId('org.organization', 'org'), 1],
    [viewId('org.users', 'org'), expectedOrgUsers(t).size],
    [viewId('org.groups', 'org'), t.groups.length],
    [viewId('org.domains', 'org'), t.domains.length],
    [viewId('org.policies', 'org'), t.policies.length],
    [viewId('org.directories', 'org'), t.directories.length],
    [viewId('org.events', 'org'), t.events.length],
    [
      viewId('org.workspaces', 'org'),
      t.sites.reduce((n, s) => n + (s.jira ? 1 : 0) + (s.confluence ? 1 : 0), 0),
    ],
  ]);
  for (const s of t.sites) {
    if (s.jira) {
      counts.set(viewId('jira.projects', s.id), s.jira.projects.length);
      counts.set(viewId('jira.permission-schemes', s.id), s.jira.permissionSchemes.length);
      counts.set(viewId('jira.roles', s.id), s.jira.roles.length);
      counts.set(viewId('jira.filters', s.id), s.jira.filters.length);
      counts.set(viewId('jira.issue-security-schemes', s.id), s.jira.issueSecuritySchemes.length);
      counts.set(viewId('jira.audit', s.id), s.jira.audit.length);
    }
    if (s.confluence) {
      counts.set(viewId('confluence.spaces', s.id), s.confluence.spaces.length);
      counts.set(viewId('confluence.audit', s.id), s.confluence.audit.length);
    }
  }
  return counts;
}

/** `apps.installations` keys of each site: one per installed app and product (system apps aside). */
function expectedInstallationKeys(t: Tenant): Map<string, string[]> {
  const system = new Set(t.apps.filter((a) => a.framework === 'system').map((a) => a.key));
  return new Map(
    t.sites.map((s) => [
      s.id,
      t.installations
        .filter((i) => i.siteId === s.id && !system.has(i.appKey))
        .map((i) => `${i.product}:${i.appKey}`)
        .sort(),
    ]),
  );
}

/** Just the collectors the app inventory is derived from (a few seconds instead of a whole sync). */
function appCollectors() {
  const needed = new Set([
    'apps.upm-jira',
    'apps.upm-confluence',
    'apps.forge',
    'jira.audit',
    'confluence.audit',
    'jira.users',
    'org.events',
    'apps.installations',
  ]);
  return defaultCollectors({ marketplaceCache: { get: async () => undefined, put: async () => {} } }).filter(
    (c) => needed.has(c.dataset),
  );
}

function actualCounts(view: InventoryView, ids: Iterable<string>): Map<string, number> {
  return new Map([...ids].map((id) => [id, view.get(id)?.size ?? 0]));
}

forEachDatabase(
  'the large tenant syncs completely, with counts matching the tenant, within 1.1x the minimum calls',
  async (t, { db }) => {
    const org = await simulatedOrg();
    const tenant = org.expected;
    const started = Date.now();
    const result = await syncConnection({
      db,
      connection: org.sync.connection,
      allowHosts: org.sync.allowHosts,
      baseUrls: org.sync.baseUrls,
    });
    const ms = Date.now() - started;

    assert.equal(
      result.status,
      'success',
      JSON.stringify(result.outcomes.filter((o) => o.status !== 'ok').map((o) => [o.dataset, o.reason])),
    );
    for (const o of result.outcomes) assert.equal(o.status, 'ok', `${o.dataset}@${o.scope}: ${o.reason}`);

    const view = await readInventory(db, org.sync.connection.id);
    const expected = expectedCounts(tenant);
    assert.deepEqual(actualCounts(view, expected.keys()), expected);
    assert.deepEqual(await duplicateOpenRows(db), []);
    // Dashboards are those the admin can see (Jira has no override for them): every public one and
    // at least those shared with any logged-in user or owned by the admin.
    const admin = tenant.credentials.adminAccountId;
    for (const s of tenant.sites) {
      if (!s.jira) continue;
      const stored = records<{ id: string; sharePermissions: { type: string }[] }>(
        view,
        'jira.dashboards',
        s.id,
      );
      const ids = new Set(s.jira.dashboards.map((d) => d.id));
      assert.ok(
        stored.every((d) => ids.has(d.id)),
        'no dashboard the tenant lacks',
      );
      const reachable = s.jira.dashboards.filter(
        (d) =>
          d.ownerAccountId === admin ||
          d.sharePermissions.some((p) => ['global', 'loggedin', 'authenticated'].includes(p.type)),
      );
      assert.ok(
        stored.length >= reachable.length,
        `${s.name}: ${stored.length} ≥ ${reachable.length} dashboards`,
      );
      assert.deepEqual(publiclyShared(stored), publiclyShared(s.jira.dashboards));
    }

    const sites = org.sync.connection.sites;
    const budget = minimumCalls(describedCollectors(), (d, s) => records(view, d, s), {
      org: true,
      sites,
      customFields: new Map(
        tenant.sites.map((s) => [s.id, s.jira?.fields.filter((f) => f.custom).length ?? 0]),
      ),
    });
    const ratio = result.api.calls / budget.total;
    t.diagnostic(
      `large: ${result.api.calls} calls (minimum ${budget.total}, ${ratio.toFixed(3)}x), ${ms} ms, ` +
        `${result.itemsRead} items, ${result.api.retries} retries, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
    );
    assert.ok(result.api.calls >= budget.total, 'never fewer calls than the minimum: the budget is right');
    assert.ok(ratio <= 1.1, `calls ${result.api.calls} within 1.1x of the minimum ${budget.total}`);
  },
  { timeout: 120_000 },
);

forEachDatabase(
  'the large tenant stores each installed app once per site and product, under its app key',
  async (_t, { db }) => {
    const org = await simulatedOrg();
    const result = await syncConnection({
      db,
      connection: org.sync.connection,
      allowHosts: org.sync.allowHosts,
      baseUrls: org.sync.baseUrls,
      collectors: appCollectors(),
    });
    assert.equal(result.status, 'success');
    const view = await readInventory(db, org.sync.connection.id);
    for (const [siteId, keys] of expectedInstallationKeys(org.expected))
      assert.deepEqual(
        [...(view.get(viewId('apps.installations', siteId))?.keys() ?? [])].sort(),
        keys,
        siteId,
      );
  },
  { timeout: 60_000 },
);
