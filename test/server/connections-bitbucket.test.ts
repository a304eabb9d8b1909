import assert from 'node:assert/strict';
import { after } from 'node:test';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { scanRequestFor } from '../../src/connections/managed/scan-request.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { runScan } from '../../src/scan/run-scan.ts';
import { connectionsFixture } from './connections-fixture.ts';

// A Bitbucket Cloud workspace added in the Integrations window (`kind: "bitbucket"`): verified
// against the simulated api.bitbucket.org before it is saved, listed with its one domain, and
// scanned from its stored, sealed credential. No answer holds the token (the fixture checks).

const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, new Date()) });
after(() => sim.stop());
const token = sim.info.credentials.bitbucket?.accessToken ?? '';
const workspace = sim.context.state.tenant.bitbucket?.[0];

forEachDatabase(
  'a workspace access token adds the Bitbucket workspace: 201, one bitbucket domain, the first scan requested, and a scan reads it',
  async (t, database) => {
    assert.ok(workspace);
    const f = await connectionsFixture(t, database, sim);
    const res = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: { kind: 'bitbucket', workspace: 'acme', accessToken: token },
    });
    assert.equal(res.statusCode, 201, res.body);
    const { connection, permissions } = res.json();
    assert.equal(connection.id, `bitbucket-${workspace.uuid.replace(/[{}]/g, '')}`);
    assert.equal(connection.orgName, 'Acme (Bitbucket)');
    assert.deepEqual(connection.apiKey, { last4: token.slice(-4) });
    assert.deepEqual(
      connection.domains.map((d: { host: string; products: string[] }) => [d.host, d.products]),
      [['bitbucket.org/acme', ['bitbucket']]],
    );
    const readable = permissions
      .filter((p: { readable: boolean }) => p.readable)
      .map((p: { dataset: string }) => p.dataset);
    assert.ok(readable.includes('bitbucket.repositories') && readable.includes('bitbucket.webhooks'));
    assert.deepEqual(f.scans.requests, [
      { connectionId: connection.id, trigger: 'first', by: f.users.owner.id },
    ]);
    await f.assertNoSecretStored();

    // A new access token is verified first: a wrong one is refused and the stored one kept.
    const url = `/api/v1/connections/${connection.id}/credentials`;
    const wrong = await f.call({
      method: 'PUT',
      url,
      payload: { accessToken: 'not-the-workspace-token', confirm: true },
    });
    assert.equal(wrong.statusCode, 422, wrong.body);
    const right = await f.call({ method: 'PUT', url, payload: { accessToken: token, confirm: true } });
    assert.equal(right.statusCode, 200, right.body);

    // What the scan worker does with the stored credential: the same workspace, read whole.
    const { allowHosts, baseUrls } = simConnection(sim.info);
    const deps = {
      db: database.db,
      secretBox: f.server.deps.secretBox,
      allowHosts,
      baseUrls,
      now: () => new Date(),
    };
    const request = await scanRequestFor(deps, connection.id);
    const scanned = await runScan({ db: database.db, now: deps.now, allowHosts, baseUrls }, request);
    assert.equal(scanned.connection.id, connection.id);
    assert.equal(scanned.sync.status, 'success');
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'a Bitbucket workspace is verified first: a wrong token or workspace is refused, nothing saved',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const wrong = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: { kind: 'bitbucket', workspace: 'acme', accessToken: 'not-the-workspace-token' },
    });
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.match(wrong.json().error.message, /rejected the credential for workspace acme/);
    const missing = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: { kind: 'bitbucket', workspace: 'acme' },
    });
    assert.equal(missing.statusCode, 400, missing.body);
    const rows = await database.db.selectFrom('connections').selectAll().execute();
    assert.deepEqual(rows, []);
  },
);
