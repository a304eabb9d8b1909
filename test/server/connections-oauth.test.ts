import assert from 'node:assert/strict';
import { after } from 'node:test';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { loadCredential, saveCredential } from '../../src/connections/credentials/credential-store.ts';
import { forEachDatabase, type TestDatabase } from '../../src/db/testing/test-database.ts';
import { saveConnection } from '../../src/inventory/connections.ts';
import type { ConnectionsFixture } from './connections-fixture.ts';
import { connectionsFixture } from './connections-fixture.ts';

// An OAuth connection (made by the consent flow, oauth/) in the Integrations window: reconnecting
// it means consenting again, and its credentials route is where the API token for UPM is pasted —
// verified on the grant's sites, then merged into the grant's bundle, the grant kept.

const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, new Date()) });
after(() => sim.stop());
const { admin } = sim.info.credentials;
const ID = 'org-oauth-test';
const TOKENS = {
  accessToken: 'access-abcdefgh',
  refreshToken: 'refresh-abcdefgh',
  expiresAt: 0,
  scopes: ['read:jira-work'],
};

async function oauthConnection(database: TestDatabase, f: ConnectionsFixture): Promise<void> {
  const now = f.server.clock.now;
  await saveConnection(
    database.db,
    {
      id: ID,
      name: sim.info.org.name,
      orgId: null,
      sites: sim.info.sites.map((s) => ({
        cloudId: s.cloudId,
        url: s.url,
        products: (['jira', 'confluence'] as const).filter((p) => s.products[p] !== undefined),
      })),
    },
    now,
  );
  await database.db
    .insertInto('connection_profiles')
    .values({
      connection_id: ID,
      method: 'oauth',
      first_connected_at: now.toISOString(),
      first_connected_by: f.users.admin.id,
      state: 'active',
      error_reason: 'Grant expired',
      error_at: now.toISOString(),
      scan_interval_seconds: null,
      next_scan_at: null,
      updated_at: now.toISOString(),
      permissions: null,
      permissions_checked_at: null,
    })
    .execute();
  await saveCredential(database.db, f.server.deps.secretBox, {
    connectionId: ID,
    purpose: 'read',
    bundle: { method: 'oauth', tokens: TOKENS, siteUrls: sim.info.sites.map((s) => s.url) },
    by: null,
    now,
  });
}

forEachDatabase(
  'reconnecting an OAuth connection answers 202 with the consent URL; its status shows "Grant expired" until then',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    await oauthConnection(database, f);
    const shown = (await f.call({ method: 'GET', url: `/api/v1/connections/${ID}` })).json();
    assert.deepEqual(shown.status, { state: 'error', reason: 'Grant expired' });
    assert.equal(shown.method, 'oauth');
    assert.equal(shown.apiKey, null);
    assert.deepEqual(shown.firstConnected.by, f.users.admin);
    const res = await f.call({
      method: 'POST',
      url: `/api/v1/connections/${ID}/reconnect`,
      payload: { confirm: true },
    });
    assert.equal(res.statusCode, 202);
    assert.deepEqual(res.json(), { consentUrl: `/api/v1/connections/oauth/start?connectionId=${ID}` });
  },
);

forEachDatabase(
  'the API token for UPM is verified on the grant’s sites and merged into the OAuth bundle, the grant kept',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    await oauthConnection(database, f);
    const url = `/api/v1/connections/${ID}/credentials`;
    const wrong = await f.call({
      method: 'PUT',
      url,
      payload: { adminEmail: admin.email, apiToken: 'nope-nope-nope', confirm: true },
    });
    assert.equal(wrong.statusCode, 422);
    const res = await f.call({
      method: 'PUT',
      url,
      payload: { adminEmail: admin.email, apiToken: admin.apiToken, confirm: true },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().connection.apiKey, { last4: admin.apiToken.slice(-4) });
    assert.ok(res.json().permissions.length > 0);
    const stored = await loadCredential(database.db, f.server.deps.secretBox, ID, 'read');
    assert.equal(stored?.bundle.method, 'oauth');
    if (stored?.bundle.method !== 'oauth') return;
    assert.deepEqual(stored.bundle.tokens, TOKENS);
    assert.equal(stored.bundle.apiToken, admin.apiToken);
    assert.equal(stored.bundle.adminEmail, admin.email);
  },
  { timeout: 60_000 },
);
