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
import { defaultCollectors, describedCollectors } from './index.ts';
import { minimumCalls } from './minimum-calls.ts';
import {
  adminAccess,
  client,
  memoryCache,
  resetServed,
  served as servedCalls,
  syncAll,
  tinySites,
} from './test-support.ts';

// Whole syncs through the sync plan's ordering: every dataset has its collector, and each collector
// makes exactly the calls its declared cost says (minimum-calls.ts), no more.

test('every dataset has exactly one collector, which only reads', () => {
  const collectors = describedCollectors();
  assert.deepEqual(collectors.map((c) => c.dataset).sort(), datasets.map((d) => d.name).sort());
  for (const c of collectors) {
    for (const id of c.endpoints) assert.notEqual(endpoint(id).method, 'DELETE', `${c.dataset} reads only`);
  }
});

test('the sync starts the org datasets first, then each product’s longest chain at its head', () => {
  const collectors = describedCollectors();
  const order = collectors.map((c) => c.dataset);
  const at = (d: string) => order.indexOf(d);
  assert.ok(order.slice(0, 10).every((d) => d.startsWith('org.')));
  // Nothing waits on a leaf: every Jira leaf starts after the head of the longest Jira chain.
  const leaves = order.filter(
    (d) => d.startsWith('jira.') && !collectors.some((c) => c.dependsOn?.includes(d)),
  );
  assert.ok(leaves.every((d) => at('jira.permission-schemes') < at(d)));
  assert.ok(at('jira.projects') < at('jira.project-roles'));
  assert.ok(at('jira.groups') < at('jira.group-members'));
  assert.ok(order.slice(-5).every((d) => d.startsWith('apps.')));
});

test('on the tiny tenant each collector makes exactly the calls its cost declares, 78 in all', async () => {
  const h = await startHarness();
  const api = client(h);
  try {
    await resetServed(h);
    const collectors = defaultCollectors({ marketplaceCache: memoryCache() });
    // Ada administers everything: an empty permission list (the archived ARCH space) is taken as is.
    const sites = tinySites(h);
    const { inventory, calls } = await syncAll(collectors, {
      api,
      orgId: TINY.orgId,
      sites,
      access: adminAccess(sites),
    });
    const budget = minimumCalls(collectors, (d, scope) => inventory.records(d, scope), { org: true, sites });
    assert.deepEqual(Object.fromEntries(calls), budget.byTask);
    const served = Object.values(await servedCalls(h)).reduce((a, b) => a + b, 0);
    assert.equal(served, budget.total);
    // Counted by hand from the tiny tenant (simulator/testing/tiny-tenant.ts).
    assert.equal(budget.total, 78);
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
      defaultCollectors({ marketplaceCache: memoryCache() }),
      (d, scope) => inventory.records(d, scope),
      { org: true, sites, customFields },
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
