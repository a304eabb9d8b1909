import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { listActionLog } from '../../src/app-risk/actions/index.ts';
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
// as write consent.

const BUILT = new Date('2026-11-01T12:00:00Z');
const PLUGIN = 'com.harbortools.jira-workflow-toolkit';

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
  return { jira, people, call, connectionId, installed };
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
      // The action log's product column holds jira | confluence; the row's site is the instance.
      [
        ['uninstall', 'refused', null],
        ['uninstall', 'succeeded', 'jira'],
      ],
    );
    assert.ok(!JSON.stringify(log).includes(w.jira.credentials.adminToken));
  },
  { timeout: 60_000 },
);
