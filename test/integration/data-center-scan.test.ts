import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Kysely } from 'kysely';
import { type DataCenterSiteInfo, type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import type { DataCenterConnectRequest } from '../../src/connections/connect-data-center.ts';
import type { Database } from '../../src/db/schema.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { describeError } from '../../src/errors.ts';
import { snapshotOutcomes } from '../../src/inventory/dataset-outcomes.ts';
import { renderHtml } from '../../src/report/html/render-html.ts';
import { runScan, type ScanDeps } from '../../src/scan/run-scan.ts';

// Jira and Confluence Data Center connected and scanned end to end, on both databases: the demo
// tenant's misconfigured instances in the simulator, through `runScan` with a personal access
// token. The findings hold the planted problems and the JSON and HTML reports show them; a plain
// user's token reads what users may (admin datasets forbidden, not a revoked credential); a wrong
// token and a base URL the operator did not allow-list are refused before anything is stored.

const BUILT = new Date('2026-06-01T12:00:00Z');
let sim: RunningSimulator;
let deps: (db: Kysely<Database>, allowHosts?: string[]) => ScanDeps;

before(async () => {
  sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, BUILT) });
  const started = Date.now();
  const now = () => new Date(BUILT.getTime() + (Date.now() - started));
  // simConnection allow-lists every listener, the Data Center instances included.
  const { allowHosts, baseUrls } = simConnection(sim.info);
  deps = (db, hosts = allowHosts) => ({ db, now, allowHosts: hosts, baseUrls });
});
after(() => sim.stop());

function served(product: DataCenterSiteInfo['product']): DataCenterSiteInfo {
  const site = sim.info.dataCenterSites.find((s) => s.product === product);
  assert.ok(site, `the demo has a ${product} site`);
  return site;
}

function request(
  product: DataCenterSiteInfo['product'],
  who: 'admin' | 'user' = 'admin',
): DataCenterConnectRequest {
  const site = served(product);
  return {
    kind: 'data-center',
    baseUrl: site.url,
    personalAccessToken: who === 'admin' ? site.credentials.adminToken : site.credentials.userToken,
  };
}

const failing = (results: { ruleId: string; status: string }[]) =>
  new Set(results.filter((r) => r.status === 'fail').map((r) => r.ruleId));

forEachDatabase(
  "an admin's personal access token connects Jira Data Center and the scan finds the planted problems",
  async (_t, { db }) => {
    const site = served('jira-data-center');
    const result = await runScan(deps(db), { connection: request('jira-data-center') });
    assert.match(result.connection.id, /^dc-[0-9a-f]{16}$/);
    assert.match(result.connection.name, /\(Jira Data Center\)$/);
    assert.deepEqual(
      result.connection.sites.map((s) => [s.url, s.products]),
      [[site.url, ['jira-data-center']]],
    );
    assert.equal(result.sync.status, 'success');

    const outcomes = await snapshotOutcomes(db, result.connection.id, result.snapshotVersion);
    const dc = outcomes.filter((o) => o.dataset.startsWith('dc.'));
    assert.ok(dc.length >= 10, JSON.stringify(dc));
    assert.ok(
      dc.every((o) => o.status === 'ok' || o.status === 'partial'),
      JSON.stringify(dc.filter((o) => o.status !== 'ok')),
    );

    const fails = failing(result.report.results);
    for (const rule of [
      'dc_jira_version_supported',
      'dc_jira_anonymous_exposure',
      'dc_jira_websudo_enabled',
      'dc_jira_public_signup_disabled',
      'dc_jira_captcha_enabled',
    ]) {
      assert.ok(fails.has(rule), `${rule} fails: ${[...fails].join(', ')}`);
    }
    // The app governance rules judge each user-installed plugin (in-process, high risk, not yet
    // accepted); the Cloud-only app rules do not apply and say why.
    const ofRule = (id: string) => result.report.results.filter((r) => r.ruleId === id);
    const plugins = result.report.apps.map((a) => a.key).sort();
    assert.ok(plugins.length > 0, 'the demo instance has user-installed plugins');
    const risky = ofRule('org_no_unaccepted_high_risk_apps');
    assert.deepEqual(risky.map((r) => r.resource.id).sort(), plugins);
    assert.ok(
      risky.some((r) => r.status === 'fail'),
      JSON.stringify(risky),
    );
    assert.ok(
      ofRule('org_apps_classified').every((r) => r.status === 'pass' && /unreviewed/.test(r.message)),
    );
    assert.deepEqual(
      ofRule('app_user_installed').map((r) => [r.status, r.message]),
      [
        [
          'not_applicable',
          'Applies to Jira and Confluence Cloud sites; this is a Jira Data Center instance.',
        ],
      ],
    );
    // Named by the base URL it says it has, not the address the scan reached it at.
    assert.deepEqual(
      result.report.sites.map((s) => s.name),
      [site.host],
    );
    const json = JSON.stringify(result.report);
    assert.ok(json.includes(site.url));
    const html = renderHtml(result.report);
    assert.ok(html.includes('dc_jira_websudo_enabled'));
    assert.ok(html.includes(new URL(site.url).host));
    for (const text of [json, html]) {
      assert.ok(!text.includes(site.credentials.adminToken), 'the token is in no report');
    }
    const stored = JSON.stringify(await db.selectFrom('inventory_items').select('data').execute());
    assert.ok(!stored.includes(site.credentials.adminToken));
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'Confluence Data Center is discovered at its base URL and its planted problems are found',
  async (_t, { db }) => {
    const result = await runScan(deps(db), { connection: request('confluence-data-center') });
    assert.deepEqual(result.connection.sites[0]?.products, ['confluence-data-center']);
    assert.match(result.connection.name, /\(Confluence Data Center\)$/);
    const fails = failing(result.report.results);
    for (const rule of [
      'dc_conf_version_supported',
      'dc_conf_anonymous_exposure',
      'dc_conf_websudo_enabled',
    ]) {
      assert.ok(fails.has(rule), `${rule} fails: ${[...fails].join(', ')}`);
    }
    assert.ok(renderHtml(result.report).includes('dc_conf_anonymous_exposure'));
  },
  { timeout: 60_000 },
);

forEachDatabase(
  "a plain user's token scans what users may read; the admin-only datasets are forbidden, not a revoked credential",
  async (_t, { db }) => {
    const result = await runScan(deps(db), { connection: request('jira-data-center', 'user') });
    assert.equal(result.sync.status, 'success');
    const outcomes = await snapshotOutcomes(db, result.connection.id, result.snapshotVersion);
    const status = Object.fromEntries(
      outcomes.filter((o) => o.dataset.startsWith('dc.')).map((o) => [o.dataset, o]),
    );
    assert.equal(status['dc.server-info']?.status, 'ok');
    assert.equal(status['dc.plugins']?.status, 'forbidden');
    assert.match(status['dc.plugins']?.reason ?? '', /Jira administrator.*a plain user/);
    assert.ok(!outcomes.some((o) => /revoked|rejected/.test(o.reason ?? '')), JSON.stringify(outcomes));
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'a wrong token and a base URL nobody allow-listed are refused, nothing saved',
  async (_t, { db }) => {
    const wrong = { ...request('jira-data-center'), personalAccessToken: 'never-issued-token-0000' };
    await assert.rejects(runScan(deps(db), { connection: wrong }), (error: unknown) => {
      const line = describeError(error);
      return /rejected the personal access token/.test(line) && !line.includes('never-issued-token-0000');
    });
    const { allowHosts } = simConnection(sim.info);
    const notListed = allowHosts.filter((h) => h !== new URL(served('confluence-data-center').url).host);
    await assert.rejects(
      runScan(deps(db, notListed), { connection: request('confluence-data-center') }),
      (error: unknown) => /not allow-listed for Data Center.*PALISADE_ALLOW_HOSTS/.test(describeError(error)),
    );
    const saved = await db.selectFrom('connections').select('id').execute();
    assert.deepEqual(saved, []);
  },
);
