import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../../simulator/start.ts';
import { buildTenant } from '../../../simulator/tenant/build.ts';
import { startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import type { AtlassianApi, SiteRef } from '../../atlassian/api.ts';
import { endpoint } from '../../atlassian/catalogue/index.ts';
import { type AtlassianClient, createAtlassianClient } from '../../atlassian/client.ts';
import { datasets } from '../../inventory/datasets/index.ts';
import { defaultCollectors } from './index.ts';
import { minimumCalls, type TenantCounts } from './minimum-calls.ts';
import { countsFromRecords } from './minimum-counts.ts';
import { adminAccess, client, memoryCache, resetServed, served, syncAll, tinySites } from './test-support.ts';

// Whole syncs through the sync plan's ordering: every dataset has its collector, and the calls
// made are exactly the minimum the API allows (minimum-calls.ts).

test('every dataset has exactly one collector, which agrees with it on scope, kind and product', () => {
  const collectors = defaultCollectors({ marketplaceCache: memoryCache() });
  assert.deepEqual(collectors.map((c) => c.dataset).sort(), datasets.map((d) => d.name).sort());
  for (const c of collectors) {
    const d = datasets.find((x) => x.name === c.dataset);
    assert.equal(c.scope, d?.scope, c.dataset);
    assert.equal(c.kind, d?.kind, c.dataset);
    assert.equal(c.product, d?.product, c.dataset);
    for (const id of c.endpoints)
      assert.equal(endpoint(id).method === 'DELETE', false, `${c.dataset} reads only`);
    assert.deepEqual([...c.endpoints].sort(), [...(d?.endpoints ?? [])].sort(), c.dataset);
  }
});

/** The tiny tenant, counted by hand (simulator/testing/tiny-tenant.ts). */
const TINY_COUNTS: TenantCounts = {
  org: {
    domains: 2,
    directoryUsers: 4, // Ada, Mo, Eve, Ian (app and customer accounts are not directory members)
    groups: 4,
    policies: 1,
    directories: 1,
    workspaces: 3,
    events: 3,
    apiTokens: 3, // Ada's classic and scoped tokens, Mo's (the org-wide list, one page)
    apiKeys: 2, // the unscoped and the directory-scoped key
    marketplace: { apps: 2, listed: 1, vendors: 1 }, // timesheets (listed), forge-reporter (miss)
  },
  sites: [
    {
      jira: {
        projects: 3,
        permissionSchemes: 2,
        projectRoleCalls: 5 + 1, // ENG 2, PUB 1, TEAM 2, + TEAM's role list
        accessGroups: { siteAdmin: 1, admin: 1, user: 1 },
        groupMembers: [1, 4, 2],
        users: 6,
        filters: 2,
        dashboards: 1,
        customFields: 1,
        auditRecords: 2,
        anonymousProjectProbes: 1, // PUB
        licensedApps: 1, // Timesheets Pro's licence (UPM plugin page)
      },
      confluence: {
        spaces: 3,
        accessGroups: { siteAdmin: 1, admin: 0, user: 1 },
        auditRecords: 1,
        anonymousSpaces: 1,
      },
      forgeInstallations: 2,
    },
    {
      jira: {
        projects: 0,
        permissionSchemes: 1,
        projectRoleCalls: 0,
        accessGroups: { siteAdmin: 1, admin: 0, user: 0 },
        groupMembers: [1],
        users: 1,
        filters: 0,
        dashboards: 0,
        customFields: 0,
        auditRecords: 0,
        anonymousProjectProbes: 0,
      },
      forgeInstallations: 0,
    },
  ],
};

/** Which dataset each endpoint's calls belong to (several datasets share a few endpoints). */
function callsByDataset(calls: Record<string, number>, collectorsEndpoints: Map<string, string[]>) {
  const out: Record<string, number> = {};
  for (const [id, n] of Object.entries(calls)) {
    const owners = [...collectorsEndpoints].filter(([, ids]) => ids.includes(id)).map(([d]) => d);
    out[owners.join('|')] = (out[owners.join('|')] ?? 0) + n;
  }
  return out;
}

test('a full sync of the tiny tenant makes exactly the minimum number of calls', async () => {
  const h = await startHarness();
  const api = client(h);
  try {
    await resetServed(h);
    const collectors = defaultCollectors({ marketplaceCache: memoryCache() });
    // Ada administers everything: an empty permission list (the archived ARCH space) is taken as is.
    const sites = tinySites(h);
    await syncAll(collectors, { api, orgId: TINY.orgId, sites, access: adminAccess(sites) });
    const calls = await served(h);
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    const budget = minimumCalls(TINY_COUNTS);
    assert.equal(
      total,
      budget.total,
      JSON.stringify(callsByDataset(calls, new Map(collectors.map((c) => [c.dataset, c.endpoints])))),
    );
    assert.equal(total, 78);
  } finally {
    await api.close();
    await h.stop();
  }
});

test('a sync of the demo scenario reads every dataset at the minimum number of calls', async () => {
  const now = new Date('2026-11-01T12:00:00Z');
  const tenant = buildTenant({ scenario: 'demo' }, now);
  const sim: RunningSimulator = await startSimulator({ tenant });
  const info = sim.info;
  const api: AtlassianClient = createAtlassianClient({
    credentials: {
      site: { kind: 'basic', email: info.credentials.admin.email, apiToken: info.credentials.admin.apiToken },
      orgApiKey: info.credentials.orgApiKey,
    },
    allowHosts: [...info.sites.map((s) => s.url), info.adminApiUrl, info.marketplaceUrl].map(
      (u) => new URL(u).host,
    ),
    baseUrls: { api: info.adminApiUrl, marketplace: info.marketplaceUrl, auth: info.authUrl },
  });
  try {
    const sites: SiteRef[] = info.sites.map((s) => ({
      cloudId: s.cloudId,
      url: s.url,
      products: (['jira', 'confluence'] as const).filter((p) => s.products[p] !== undefined),
    }));
    const before = api.stats().calls;
    const { inventory } = await syncAll(defaultCollectors({ marketplaceCache: memoryCache() }), {
      api: api as AtlassianApi,
      orgId: info.org.id,
      sites,
      now,
    });
    const calls = api.stats().calls - before;
    const customFields = new Map(
      tenant.sites.map((s) => [s.id, s.jira?.fields.filter((f) => f.custom).length ?? 0] as const),
    );
    const budget = minimumCalls(
      countsFromRecords((d, scope) => inventory.records(d, scope), { org: true, sites, customFields }),
    );
    assert.equal(calls, budget.total);

    // The demo's documented misconfigurations show up in the records the checks read.
    const acme = sites.find(
      (s) => info.sites.find((x) => x.cloudId === s.cloudId)?.name === 'acme',
    ) as SiteRef;
    const labs = sites.find(
      (s) => info.sites.find((x) => x.cloudId === s.cloudId)?.name === 'acme-labs',
    ) as SiteRef;
    const spaces = inventory.records<{ key: string; anonymousAccess: boolean; unlicensedAccess: boolean }>(
      'confluence.spaces',
      acme.cloudId,
    );
    assert.equal(spaces.find((s) => s.key === 'DOCS')?.anonymousAccess, true);
    assert.equal(spaces.find((s) => s.key === 'KB')?.unlicensedAccess, true);
    const probe = inventory.records<{ scope: string; projectKey: string | null; held: string[] }>(
      'jira.anonymous-permissions',
      acme.cloudId,
    );
    assert.ok(probe.some((r) => r.projectKey === 'ROAD' && r.held.includes('BROWSE_PROJECTS')));
    const labsProbe = inventory.records<{ scope: string; held: string[] }>(
      'jira.anonymous-permissions',
      labs.cloudId,
    );
    assert.ok(labsProbe.find((r) => r.scope === 'site')?.held.includes('USER_PICKER'));
    const installs = inventory.records<{ installedBy: string | null }>('apps.installations', acme.cloudId);
    assert.ok(installs.length > 0);
    assert.ok(
      installs.every((i) => i.installedBy !== null),
      'every demo install has its installer',
    );
  } finally {
    await api.close();
    await sim.stop();
  }
});
