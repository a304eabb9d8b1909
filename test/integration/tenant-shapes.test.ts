import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { TINY, tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import type { SiteRef } from '../../src/atlassian/api.ts';
import type { Credentials } from '../../src/atlassian/credentials.ts';
import { discoverConnection } from '../../src/connections/discover.ts';
import { openTestDatabase, type TestDatabase } from '../../src/db/testing/test-database.ts';
import { buildReport } from '../../src/report/build-report.ts';
import type { Report } from '../../src/report/model.ts';
import { catalogue } from '../../src/rules/catalogue/index.ts';
import { evaluateSnapshot } from '../../src/rules/evaluate.ts';
import type { RuleResult } from '../../src/rules/result.ts';
import { buildSnapshotView } from '../../src/rules/snapshot/build-snapshot-view.ts';
import { adminAccess } from '../../src/sync/collectors/test-support.ts';
import { type ConnectionSyncResult, syncConnection } from '../../src/sync/sync-connection.ts';

// Tenant shapes a real organization has, scanned end to end (discover → sync → evaluate →
// report) against the simulator: the tiny tenant whose second site (acme-labs) is a sandbox,
// whose main site (acme) was renamed from acme-old, and whose Confluence v1 space listing can be
// switched off. Nobody may come away believing the org is clean when a site was never read.

const NOW = new Date('2026-11-01T12:00:00Z');
const rules = catalogue.map((e) => e.rule);

let sim: RunningSimulator;
let database: TestDatabase;

before(async () => {
  const tenant = tinyTenant(NOW);
  const labs = tenant.sites.find((s) => s.id === TINY.siteB);
  if (labs) labs.sandbox = true;
  tenant.redirects = [{ from: 'acme-old', to: 'acme' }];
  sim = await startSimulator({ tenant });
  database = await openTestDatabase('sqlite');
});
after(async () => {
  await database?.close();
  await sim?.stop();
});

const credentials = (): Credentials => ({
  site: { kind: 'basic', email: 'ada@acme.example', apiToken: TINY.adminToken },
  orgApiKey: TINY.orgKey,
});
const siteUrl = (cloudId: string) => sim.info.sites.find((s) => s.cloudId === cloudId)?.url ?? '';
const oldUrl = () => sim.info.redirects[0]?.url ?? '';
const allowHosts = () =>
  [...sim.info.sites.map((s) => s.url), sim.info.adminApiUrl, sim.info.marketplaceUrl, oldUrl()].map(
    (u) => new URL(u).host,
  );
const baseUrls = () => ({
  api: sim.info.adminApiUrl,
  marketplace: sim.info.marketplaceUrl,
  auth: sim.info.authUrl,
});

async function faults(config: unknown): Promise<void> {
  const res = await fetch(`${sim.info.controlUrl}/faults`, {
    method: config === null ? 'DELETE' : 'PUT',
    ...(config === null
      ? {}
      : { body: JSON.stringify(config), headers: { 'content-type': 'application/json' } }),
  });
  assert.ok(res.ok, await res.text());
}

interface Scan {
  sync: ConnectionSyncResult;
  results: RuleResult[];
  report: Report;
}

async function scan(id: string, sites: SiteRef[]): Promise<Scan> {
  const sync = await syncConnection({
    db: database.db,
    // What discovery establishes for the tiny tenant's org admin, as a real scan carries it.
    connection: {
      id,
      name: 'Acme',
      orgId: TINY.orgId,
      sites,
      credentials: credentials(),
      access: adminAccess(sites),
    },
    allowHosts: allowHosts(),
    baseUrls: baseUrls(),
    now: () => NOW,
  });
  const snapshot = await buildSnapshotView(database.db, id, { now: NOW });
  const { results } = evaluateSnapshot(rules, snapshot);
  const report = buildReport({
    generatedAt: NOW,
    snapshot,
    rules: rules.map((r) => r.meta),
    results,
    tool: { name: 'Palisade', version: '0.0.0' },
  });
  return { sync, results, report };
}

const verdictsOf = (results: readonly RuleResult[], ruleId: string) =>
  results
    .filter((r) => r.ruleId === ruleId)
    .map((r) => [r.status, r.resource.id])
    .sort((a, b) => String(a[1]).localeCompare(String(b[1])));

const outcome = (result: ConnectionSyncResult, dataset: string, scope: string) =>
  result.outcomes.find((o) => o.dataset === dataset && o.scope === scope)?.status;

test('a scan given only the renamed URL follows it to acme, says so, and reports the unscanned sandbox', async () => {
  const discovered = await discoverConnection({
    sites: [oldUrl()],
    credentials: credentials(),
    orgId: TINY.orgId,
    allowHosts: allowHosts(),
    baseUrls: baseUrls(),
  });
  assert.deepEqual(discovered.sites, [
    { cloudId: TINY.siteA, url: siteUrl(TINY.siteA), products: ['jira', 'confluence'] },
  ]);
  assert.deepEqual(discovered.redirects, [
    { from: oldUrl(), to: siteUrl(TINY.siteA), cloudId: TINY.siteA, matchedBy: 'org_workspaces' },
  ]);

  const { sync, results, report } = await scan('shapes-one-site', discovered.sites);
  assert.equal(sync.status, 'success');
  assert.deepEqual(verdictsOf(results, 'org_all_sites_scanned'), [
    ['pass', TINY.siteA],
    ['fail', TINY.siteB],
  ]);
  const unscanned = results.find((r) => r.ruleId === 'org_all_sites_scanned' && r.status === 'fail');
  assert.match(unscanned?.message ?? '', /lists the sandbox site acme-labs .* but this scan did not read it/);
  assert.deepEqual(
    report.coverage.filter((c) => c.dataset === '*'),
    [
      {
        site: siteUrl(TINY.siteB),
        dataset: '*',
        status: 'not_collected',
        reason: `the organization lists this sandbox site (Jira, cloud id ${TINY.siteB}) but the scan was not given it: nothing on it was read`,
      },
    ],
  );
  assert.ok(report.summary.coverage.gaps >= 1);
  assert.ok(report.summary.postureScore !== null && report.summary.postureScore < 100);
});

test('a scan of every site passes the coverage check and shows the sandbox as such', async () => {
  const discovered = await discoverConnection({
    sites: [siteUrl(TINY.siteA), siteUrl(TINY.siteB)],
    credentials: credentials(),
    orgId: TINY.orgId,
    allowHosts: allowHosts(),
    baseUrls: baseUrls(),
  });
  assert.deepEqual(discovered.redirects, []);
  const { results, report } = await scan('shapes-all-sites', discovered.sites);
  assert.deepEqual(verdictsOf(results, 'org_all_sites_scanned'), [
    ['pass', TINY.siteA],
    ['pass', TINY.siteB],
  ]);
  assert.deepEqual(
    report.sites.map((s) => [s.name, s.sandbox]),
    [
      ['acme', false],
      ['acme-labs', true],
    ],
  );
  assert.deepEqual(
    report.coverage.filter((c) => c.dataset === '*' || c.dataset.endsWith('.*')),
    [],
  );
});

test('with the v1 space listing gone, v2 keeps anonymous and unlicensed space access known', async () => {
  const sites = [
    { cloudId: TINY.siteA, url: siteUrl(TINY.siteA), products: ['jira', 'confluence'] as const },
  ];
  const clean = await scan(
    'shapes-v1',
    sites.map((s) => ({ ...s, products: [...s.products] })),
  );
  await faults({
    rules: [{ endpoints: ['confluence.spacesWithPermissions.list'], errorRate: 1, errorStatus: 410 }],
  });
  let retired: Scan;
  try {
    retired = await scan(
      'shapes-v2',
      sites.map((s) => ({ ...s, products: [...s.products] })),
    );
  } finally {
    await faults(null);
  }
  assert.equal(outcome(retired.sync, 'confluence.spaces', TINY.siteA), 'ok');
  assert.equal(outcome(retired.sync, 'confluence.anonymous', TINY.siteA), 'ok');
  for (const ruleId of ['conf_no_anonymous_space_access', 'conf_no_unlicensed_space_access']) {
    const verdicts = verdictsOf(retired.results, ruleId);
    assert.deepEqual(verdicts, verdictsOf(clean.results, ruleId), ruleId);
    assert.ok(
      verdicts.some(([status]) => status === 'fail'),
      `${ruleId} still finds the PUBLIC space: ${JSON.stringify(verdicts)}`,
    );
  }
});
