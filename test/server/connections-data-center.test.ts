import assert from 'node:assert/strict';
import { after } from 'node:test';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import * as added from './connections-added-support.ts';
import { connectionsFixture } from './connections-fixture.ts';

// A Jira Data Center instance added in the Integrations window (`kind: "data-center"`, its base
// URL and a personal access token): verified against the simulated instance before it is saved,
// listed with its one domain, its token replaced only by one that works, and scanned from its
// stored, sealed credential. No answer holds the token (the fixture checks).

const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, new Date()) });
after(() => sim.stop());
const jira = sim.info.dataCenterSites.find((s) => s.product === 'jira-data-center');
const confluence = sim.info.dataCenterSites.find((s) => s.product === 'confluence-data-center');

/** A `data-center` connection request for the instance at `baseUrl`. */
function dataCenter(baseUrl: string, personalAccessToken?: string) {
  return { kind: 'data-center', baseUrl, personalAccessToken };
}

forEachDatabase(
  "a system admin's personal access token adds the Jira Data Center instance: 201, one jira-data-center domain, the first scan requested, and a scan reads it",
  async (t, database) => {
    assert.ok(jira);
    const f = await connectionsFixture(t, database, sim);
    const res = await added.postConnection(f, dataCenter(`${jira.url}/`, jira.credentials.adminToken));
    assert.equal(res.statusCode, 201, res.body);
    const { connection, permissions } = res.json();
    assert.match(connection.id, /^dc-[0-9a-f]{16}$/);
    assert.match(connection.orgName, /\(Jira Data Center\)$/);
    assert.deepEqual(connection.apiKey, { last4: jira.credentials.adminToken.slice(-4) });
    assert.deepEqual(added.domainsOf(connection), [[new URL(jira.url).host, ['jira-data-center']]]);
    const readable = added.readableDatasets(permissions);
    assert.ok(readable.includes('dc.plugins') && readable.includes('dc.security-settings'), readable.join());
    added.assertFirstScanRequested(f, connection.id);
    await f.assertNoSecretStored();
    assert.deepEqual(await added.listedKind(f, connection.id), { kind: 'data-center' });

    // A new token is verified first: a wrong one is refused and the stored one kept.
    await added.assertCredentialReplacedOnlyByAWorkingOne(
      f,
      connection.id,
      { personalAccessToken: 'not-a-token-of-this-instance' },
      { personalAccessToken: jira.credentials.adminToken },
    );

    // What the scan worker does with the stored credential: the same instance, its problems found.
    const scanned = await added.scanStoredConnection(f, database, sim, connection.id);
    assert.ok(
      scanned.report.results.some((r) => r.ruleId === 'dc_jira_websudo_enabled' && r.status === 'fail'),
    );
  },
  { timeout: 60_000 },
);

forEachDatabase(
  "a plain user's token is accepted and the permission check says the admin datasets are not readable",
  async (t, database) => {
    assert.ok(confluence);
    const f = await connectionsFixture(t, database, sim);
    const res = await added.postConnection(f, dataCenter(confluence.url, confluence.credentials.userToken));
    assert.equal(res.statusCode, 201, res.body);
    const plugins = res.json().permissions.find((p: { dataset: string }) => p.dataset === 'dc.plugins');
    assert.equal(plugins?.readable, false);
    assert.match(plugins?.reason ?? '', /Confluence administrator/);
  },
);

forEachDatabase(
  "on Confluence Data Center before 10 (no global permissions resource) a system admin's token is granted write consent and a plain user's is refused",
  async (t, database) => {
    assert.ok(confluence);
    // Confluence before 10 answers 404 on GET /rest/api/permissions.
    sim.context.faults.set({
      rules: [{ endpoints: ['dc.confluence.globalPermissions.list'], errorRate: 1, errorStatus: 404 }],
    });
    t.after(() => sim.context.faults.set({ rules: [] }));
    const f = await connectionsFixture(t, database, sim);
    const res = await added.postConnection(f, dataCenter(confluence.url, confluence.credentials.adminToken));
    assert.equal(res.statusCode, 201, res.body);
    const { connection, permissions } = res.json();
    assert.ok(added.readableDatasets(permissions).includes('dc.plugins'));
    const consent = (personalAccessToken: string) =>
      f.call({
        method: 'POST',
        url: `/api/v1/connections/${connection.id}/write-consent`,
        payload: { personalAccessToken },
      });
    const plain = await consent(confluence.credentials.userToken);
    assert.equal(plain.statusCode >= 400, true, plain.body);
    assert.match(plain.json().error.message, /needs an administrator.*a plain user/);
    const granted = await consent(confluence.credentials.adminToken);
    assert.equal(granted.statusCode, 200, granted.body);
    assert.deepEqual(granted.json().writeConsent, {
      granted: true,
      last4: confluence.credentials.adminToken.slice(-4),
    });
  },
);

forEachDatabase(
  'a Data Center instance is verified first: a wrong token, a host nobody allow-listed or a missing token is refused, nothing saved',
  async (t, database) => {
    assert.ok(jira);
    const f = await connectionsFixture(t, database, sim);
    const wrong = await added.postConnection(f, dataCenter(jira.url, 'not-a-token-of-this-instance'));
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.match(wrong.json().error.message, /rejected the personal access token/);
    assert.ok(!wrong.body.includes('not-a-token-of-this-instance'));
    const elsewhere = await added.postConnection(
      f,
      dataCenter('https://jira.intranet.example', 'x-token-0001'),
    );
    assert.equal(elsewhere.statusCode, 422, elsewhere.body);
    assert.match(elsewhere.json().error.message, /not allow-listed for Data Center.*PALISADE_ALLOW_HOSTS/);
    const missing = await added.postConnection(f, dataCenter(jira.url));
    assert.equal(missing.statusCode, 400, missing.body);
    // A password in the URL (or a token pasted into it) is refused and never echoed.
    const withPassword = new URL(jira.url);
    withPassword.username = 'admin';
    withPassword.password = 'url-secret-0001';
    const inUrl = await added.postConnection(f, dataCenter(withPassword.href, jira.credentials.adminToken));
    assert.equal(inUrl.statusCode, 422, inUrl.body);
    assert.match(inUrl.json().error.message, /carries a user name or password/);
    assert.ok(!inUrl.body.includes('url-secret-0001'));
    const pasted = await added.postConnection(f, dataCenter('url-secret-0002', jira.credentials.adminToken));
    assert.equal(pasted.statusCode, 422, pasted.body);
    assert.ok(!pasted.body.includes('url-secret-0002'));
    await added.assertNoConnectionSaved(database);
  },
);
