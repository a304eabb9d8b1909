import assert from 'node:assert/strict';
import { after } from 'node:test';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import * as added from './connections-added-support.ts';
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
    const res = await added.postConnection(f, { kind: 'bitbucket', workspace: 'acme', accessToken: token });
    assert.equal(res.statusCode, 201, res.body);
    const { connection, permissions } = res.json();
    assert.equal(connection.id, `bitbucket-${workspace.uuid.replace(/[{}]/g, '')}`);
    assert.equal(connection.orgName, 'Acme (Bitbucket)');
    assert.deepEqual(connection.apiKey, { last4: token.slice(-4) });
    assert.deepEqual(added.domainsOf(connection), [['bitbucket.org/acme', ['bitbucket']]]);
    const readable = added.readableDatasets(permissions);
    assert.ok(readable.includes('bitbucket.repositories') && readable.includes('bitbucket.webhooks'));
    added.assertFirstScanRequested(f, connection.id);
    await f.assertNoSecretStored();
    assert.deepEqual(await added.listedKind(f, connection.id), {
      kind: 'bitbucket',
      bitbucketCredential: 'access-token',
    });

    // A new access token is verified first: a wrong one is refused and the stored one kept.
    await added.assertCredentialReplacedOnlyByAWorkingOne(
      f,
      connection.id,
      { accessToken: 'not-the-workspace-token' },
      { accessToken: token },
    );

    // What the scan worker does with the stored credential: the same workspace, read whole.
    await added.scanStoredConnection(f, database, sim, connection.id);
  },
  { timeout: 60_000 },
);

forEachDatabase(
  "a workspace admin's e-mail and API token add the workspace, listed as read with the API token, which a new API token replaces",
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const { email, apiToken } = sim.info.credentials.admin;
    const res = await added.postConnection(f, {
      kind: 'bitbucket',
      workspace: 'acme',
      adminEmail: email,
      apiToken,
    });
    assert.equal(res.statusCode, 201, res.body);
    const { connection } = res.json();
    const readWithApiToken = { kind: 'bitbucket', bitbucketCredential: 'api-token' };
    assert.deepEqual(await added.listedKind(f, connection.id), readWithApiToken);
    const wrong = { apiToken: 'not-the-admin-token' };
    await added.assertCredentialReplacedOnlyByAWorkingOne(f, connection.id, wrong, { apiToken });
    assert.deepEqual(await added.listedKind(f, connection.id), readWithApiToken, 'still an API token');
  },
);

forEachDatabase(
  'a Bitbucket workspace is verified first: a wrong token or workspace is refused, nothing saved',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const wrong = await added.postConnection(f, {
      kind: 'bitbucket',
      workspace: 'acme',
      accessToken: 'not-the-workspace-token',
    });
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.match(wrong.json().error.message, /rejected the credential for workspace acme/);
    const missing = await added.postConnection(f, { kind: 'bitbucket', workspace: 'acme' });
    assert.equal(missing.statusCode, 400, missing.body);
    await added.assertNoConnectionSaved(database);
  },
);
