import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { enforceBans, listActionLog, listBanAlerts } from '../../src/app-risk/actions/index.ts';
import { scanRequestFor } from '../../src/connections/managed/scan-request.ts';
import { forEachDatabase, type TestDatabase } from '../../src/db/testing/test-database.ts';
import { addPeople } from '../../src/people/testing/people-fixtures.ts';
import { runScan } from '../../src/scan/run-scan.ts';
import { startTestServer } from '../../src/server/testing/test-server.ts';

// App governance on a Jira Data Center instance through the same API as the cloud: the instance
// added with a system administrator's personal access token (POST /api/v1/connections, kind
// "data-center"), scanned, its write consent granted with that token, then
// POST /api/v1/apps/{key}/actions: a dry run lists the exact UPM request and sends nothing, an
// uninstall removes the plugin from the simulated instance, and a plain user's token is refused
// as write consent. Before any of it, the instance's user-installed plugins are in the app
// inventory (GET /api/v1/apps) with their risk and its factors; a ban keeps a plugin out when it is
// installed again.

const BUILT = new Date('2026-11-01T12:00:00Z');
const PLUGIN = 'com.harbortools.jira-workflow-toolkit';
const OUTDATED = 'com.marlinworks.jira-excel-import';

async function world(t: TestContext, database: TestDatabase) {
  const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, BUILT) });
  t.after(() => sim.stop());
  const { allowHosts, baseUrls } = simConnection(sim.info);
  const server = await startTestServer(database, { now: BUILT, settings: { allowHosts, baseUrls } });
  t.after(() => server.app.close());
  const people = await addPeople(database.db, BUILT);
  const jira = sim.info.dataCenterSites.find((s) => s.product === 'jira-data-center');
  const model = sim.context.state.tenant.dataCenterSites?.find((s) => s.product === 'jira-data-center');
  assert.ok(jira && model);
  const call = (who: { bearer: string }, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    server.app.inject({
      method,
      url,
      headers: { authorization: who.bearer, 'content-type': 'application/json' },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  const created = await call(people.owner, 'POST', '/api/v1/connections', {
    kind: 'data-center',
    baseUrl: jira.url,
    personalAccessToken: jira.credentials.adminToken,
  });
  assert.equal(created.statusCode, 201, created.body);
  const connectionId: string = created.json().connection.id;
  const now = () => new Date(BUILT.getTime() + 3_600_000);
  const request = await scanRequestFor(
    { db: database.db, secretBox: server.deps.secretBox, allowHosts, baseUrls, now },
    connectionId,
  );
  await runScan({ db: database.db, now, allowHosts, baseUrls }, request);
  server.clock.now = new Date(now().getTime() + 60_000);
  const installed = () => model.plugins.some((p) => p.key === PLUGIN);
  const rescan = async () =>
    runScan(
      { db: database.db, now: () => server.clock.now, allowHosts, baseUrls },
      await scanRequestFor(
        {
          db: database.db,
          secretBox: server.deps.secretBox,
          allowHosts,
          baseUrls,
          now: () => server.clock.now,
        },
        connectionId,
      ),
    );
  return { jira, model, server, people, call, connectionId, installed, rescan, allowHosts, baseUrls };
}

forEachDatabase(
  "a Data Center plugin is uninstalled through UPM with the write consent of a system administrator's token",
  async (t, database) => {
    const w = await world(t, database);
    const act = (body: Record<string, unknown>) =>
      w.call(w.people.revoker, 'POST', `/api/v1/apps/${PLUGIN}/actions`, {
        connectionId: w.connectionId,
        ...body,
      });

    const noConsent = await act({ action: 'uninstall' });
    assert.equal(noConsent.statusCode, 409, noConsent.body);
    assert.equal(noConsent.json().error.code, 'write_consent_required');

    // A plain user's token is no write consent: UPM would refuse it.
    const plain = await w.call(
      w.people.owner,
      'POST',
      `/api/v1/connections/${w.connectionId}/write-consent`,
      {
        personalAccessToken: w.jira.credentials.userToken,
      },
    );
    assert.equal(plain.statusCode >= 400, true, plain.body);
    assert.match(plain.json().error.message, /needs an administrator.*a plain user/);
    const granted = await w.call(
      w.people.owner,
      'POST',
      `/api/v1/connections/${w.connectionId}/write-consent`,
      {
        personalAccessToken: w.jira.credentials.adminToken,
      },
    );
    assert.equal(granted.statusCode, 200, granted.body);
    assert.ok(!granted.body.includes(w.jira.credentials.adminToken));

    const dry = await act({ action: 'uninstall', dryRun: true });
    assert.equal(dry.statusCode, 200, dry.body);
    const [step] = dry.json().outcome.steps;
    assert.equal(step.product, 'jira-data-center');
    assert.equal(step.result, 'planned');
    assert.deepEqual(
      [step.request.method, step.request.url],
      ['DELETE', `${w.jira.url}/rest/plugins/1.0/${PLUGIN}-key`],
    );
    assert.ok(w.installed(), 'a dry run sends nothing');

    const done = await act({ action: 'uninstall' });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().outcome.result, 'succeeded', done.body);
    assert.equal(w.installed(), false, 'the plugin is gone from the instance');
    const log = await listActionLog(database.db, w.connectionId, { appKey: PLUGIN });
    assert.deepEqual(
      log.map((e) => [e.action, e.result, e.product]).sort(),
      // The action log names the Data Center product; the row's site is the instance.
      [
        ['uninstall', 'refused', null],
        ['uninstall', 'succeeded', 'jira-data-center'],
      ],
    );
    assert.ok(!JSON.stringify(log).includes(w.jira.credentials.adminToken));
  },
  { timeout: 60_000 },
);

forEachDatabase(
  "a Data Center instance's user-installed plugins are listed as apps with their risk, factors and checks",
  async (t, database) => {
    const w = await world(t, database);
    const list = await w.call(w.people.owner, 'GET', `/api/v1/apps?connectionId=${w.connectionId}`);
    assert.equal(list.statusCode, 200, list.body);
    const items: {
      key: string;
      framework: string;
      risk: { band: string; factors: { id: string; status: string }[] };
      installations: { site: { url: string | null }; product: string; version: string | null }[];
      failingChecks: number;
    }[] = list.json().items;
    // Only the user-installed plugins: the bundled ones (WebSudo, CAPTCHA, …) are the product.
    assert.deepEqual(items.map((i) => i.key).sort(), [PLUGIN, OUTDATED].sort());
    const toolkit = items.find((i) => i.key === PLUGIN);
    assert.ok(toolkit);
    assert.equal(toolkit.framework, 'plugin');
    assert.deepEqual(
      toolkit.installations.map((i) => [i.site.url, i.product, i.version]),
      [[w.jira.url, 'jira', '5.2.0']],
    );
    // A P2 plugin has no scopes to read: its capability is known (everything), not unknown.
    assert.notEqual(toolkit.risk.band, 'unknown');
    assert.ok(toolkit.risk.factors.some((f) => f.id === 'capability.in-process' && f.status === 'applied'));

    const detail = await w.call(
      w.people.owner,
      'GET',
      `/api/v1/apps/${OUTDATED}?connectionId=${w.connectionId}`,
    );
    assert.equal(detail.statusCode, 200, detail.body);
    const d = detail.json().app;
    const factor = (id: string) => d.riskDetail.factors.find((f: { id: string }) => f.id === id);
    assert.match(
      factor('capability.in-process').evidence.join(' '),
      /Jira Data Center .* runs inside the product’s JVM/,
    );
    assert.match(
      factor('governance.outdated-version').evidence.join(' '),
      /runs 2\.1\.0; 4\.0\.3 is compatible/,
    );
    assert.match(factor('governance.expired-license').evidence.join(' '), /UPM status EXPIRED/);
    assert.equal(d.installations[0].license.state, 'expired');
    assert.equal(d.marketplace.status, 'not-looked-up');
    // Its failing checks are the Data Center plugin rules' and the app governance rules', not the
    // Cloud app rules' (scopes, Connect, Forge), which do not apply to a plugin.
    assert.deepEqual(d.checks.map((c: { ruleId: string; status: string }) => [c.ruleId, c.status]).sort(), [
      ['dc_jira_apps_licensed', 'fail'],
      ['dc_jira_plugins_current', 'fail'],
      ['org_no_unaccepted_high_risk_apps', 'fail'],
    ]);
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'a banned Data Center plugin installed again is uninstalled by the next scan, with one alert naming the instance',
  async (t, database) => {
    const w = await world(t, database);
    await w.call(w.people.owner, 'POST', `/api/v1/connections/${w.connectionId}/write-consent`, {
      personalAccessToken: w.jira.credentials.adminToken,
    });
    const plugin = w.model.plugins.find((p) => p.key === PLUGIN);
    assert.ok(plugin);
    const banned = await w.call(w.people.revoker, 'POST', `/api/v1/apps/${PLUGIN}/actions`, {
      connectionId: w.connectionId,
      action: 'ban',
      reason: 'not approved for the Data Center instance',
    });
    assert.equal(banned.statusCode, 200, banned.body);
    assert.equal(w.installed(), false, 'the ban uninstalled it');

    // Someone installs it again; the next scan sees it and takes it out.
    w.model.plugins.push(plugin);
    w.server.clock.now = new Date(w.server.clock.now.getTime() + 60_000);
    const scan = await w.rescan();
    assert.equal(w.installed(), false, 'enforcement uninstalled it again');
    // The snapshot that saw it back holds the finding on the instance, besides the alert.
    assert.deepEqual(
      scan.report.results
        .filter((r) => r.ruleId === 'app_not_banned' && r.status === 'fail')
        .map((r) => [r.resource.id, r.site]),
      [[PLUGIN, w.jira.url]],
    );
    assert.deepEqual(
      scan.alerts.map((a) => [a.appKey, a.site.url, a.product, a.result]),
      [[PLUGIN, w.jira.url, 'jira-data-center', 'uninstalled']],
    );
    const alerts = await w.call(
      w.people.owner,
      'GET',
      `/api/v1/apps/ban-alerts?connectionId=${w.connectionId}`,
    );
    assert.equal(alerts.statusCode, 200, alerts.body);
    assert.deepEqual(
      alerts.json().items.map((a: { product: string; result: string }) => [a.product, a.result]),
      [['jira-data-center', 'uninstalled']],
    );

    // Enforcing the same snapshot again sends nothing and alerts nothing.
    w.model.plugins.push(plugin);
    const again = await enforceBans({
      db: database.db,
      connection: {
        id: w.connectionId,
        writeCredentials: { dataCenterToken: w.jira.credentials.adminToken },
      },
      allowHosts: w.allowHosts,
      baseUrls: w.baseUrls,
      snapshotVersion: scan.snapshotVersion,
    });
    assert.deepEqual(again.alerts, []);
    assert.ok(w.installed(), 'nothing was sent for a snapshot already enforced');
    assert.equal((await listBanAlerts(database.db, w.connectionId)).length, 1);
  },
  { timeout: 90_000 },
);
