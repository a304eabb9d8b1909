import assert from 'node:assert/strict';
import { after } from 'node:test';
import type { Kysely } from 'kysely';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { CONNECTION_TABLES } from '../../src/connections/managed/purge-connection.ts';
import type { Database } from '../../src/db/schema.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import type { PalisadeEvent } from '../../src/jobs/events.ts';
import { connectionsFixture } from './connections-fixture.ts';

// The Integrations window as an API, against the simulated Acme organization: a connection is
// verified before it is saved, listed with its status and last sync, its credentials replaced
// only by ones that work, its write consent given only by a site admin, and deleting it purges
// its data. No answer ever contains a token or key (connections-fixture.ts checks every one).

const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, new Date()) });
after(() => sim.stop());
const { admin, member, orgApiKey } = sim.info.credentials;

const tokenBody = (overrides: Record<string, unknown> = {}) => ({
  method: 'api-token',
  adminEmail: admin.email,
  apiToken: admin.apiToken,
  orgApiKey,
  ...overrides,
});

async function rowsOf(db: Kysely<Database>) {
  const count = async (table: 'connections' | 'connection_profiles' | 'connection_credentials') =>
    Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    connections: await count('connections'),
    profiles: await count('connection_profiles'),
    credentials: await count('connection_credentials'),
  };
}

forEachDatabase(
  'adding Acme with the admin token and org key verifies it, answers 201 with the permission check, and starts the first scan',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const res = await f.call({ method: 'POST', url: '/api/v1/connections', payload: tokenBody() });
    assert.equal(res.statusCode, 201, res.body);
    const { connection, permissions } = res.json();
    assert.equal(connection.id, `org-${sim.info.org.id}`);
    assert.equal(connection.orgName, sim.info.org.name);
    assert.equal(connection.method, 'api-token');
    assert.equal(connection.kind, 'atlassian');
    assert.equal(connection.bitbucketCredential, undefined, 'an organization has no Bitbucket credential');
    assert.deepEqual(connection.apiKey, { last4: admin.apiToken.slice(-4) });
    assert.deepEqual(connection.firstConnected.by, f.users.owner);
    assert.equal(connection.status.state, 'pending');
    assert.equal(connection.lastSync, null);
    // The sites came from the org's workspaces: every site of the tenant, none given.
    assert.deepEqual(
      connection.domains.map((d: { host: string }) => d.host).sort(),
      sim.info.sites.map((s) => new URL(s.url).host).sort(),
    );
    assert.ok(permissions.length > 10);
    assert.ok(permissions.some((p: { scope: string; readable: boolean }) => p.scope === 'org' && p.readable));
    assert.deepEqual(f.scans.requests, [
      { connectionId: connection.id, trigger: 'first', by: f.users.owner.id },
    ]);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'connection.create')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.connection_id, connection.id);
    const got = await f.call({ method: 'GET', url: `/api/v1/connections/${connection.id}`, as: 'viewer' });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json().permissions, permissions);
    await f.assertNoSecretStored();
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'a member’s token without the org key shows datasets it cannot read, with the reason',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const res = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: {
        method: 'api-token',
        adminEmail: member.email,
        apiToken: member.apiToken,
        siteUrls: sim.info.sites.map((s) => s.url),
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const { permissions } = res.json();
    const org = permissions.filter((p: { scope: string }) => p.scope === 'org');
    assert.ok(
      org.length > 0 &&
        org.every(
          (p: { readable: boolean; reason?: string }) => !p.readable && /org API key/.test(p.reason ?? ''),
        ),
    );
    assert.ok(
      permissions.some(
        (p: { scope: string; readable: boolean; reason?: string }) =>
          p.scope !== 'org' && !p.readable && /needs/.test(p.reason ?? ''),
      ),
    );
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'a wrong token answers 422 naming what failed and saves nothing',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const res = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: tokenBody({ apiToken: 'not-the-token-1234', siteUrls: [sim.info.sites[0]?.url] }),
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.match(res.json().error.message, /rejected the site credential/);
    assert.deepEqual(await rowsOf(database.db), { connections: 0, profiles: 0, credentials: 0 });
    assert.deepEqual(f.scans.requests, []);
    const badKey = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: tokenBody({ orgApiKey: 'wrong-key' }),
    });
    assert.equal(badKey.statusCode, 422, badKey.body);
    assert.match(badKey.json().error.message, /org API key/);
    assert.deepEqual(await rowsOf(database.db), { connections: 0, profiles: 0, credentials: 0 });
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'bad requests are refused: no credential (400), the OAuth method (400 pointing to its consent), a duplicate (409), a viewer (403)',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const none = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: { method: 'api-token' },
    });
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error.code, 'missing_credentials');
    const oauth = await f.call({ method: 'POST', url: '/api/v1/connections', payload: { method: 'oauth' } });
    assert.equal(oauth.statusCode, 400);
    assert.match(oauth.json().error.message, /\/api\/v1\/connections\/oauth\/start/);
    const viewer = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: tokenBody(),
      as: 'viewer',
    });
    assert.equal(viewer.statusCode, 403);
    assert.equal(
      (await f.call({ method: 'POST', url: '/api/v1/connections', payload: tokenBody() })).statusCode,
      201,
    );
    const again = await f.call({ method: 'POST', url: '/api/v1/connections', payload: tokenBody() });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'connection_exists');
    assert.match(again.json().error.message, new RegExp(`org-${sim.info.org.id}`));
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'the list shows each state from the scans, the last sync flagged excessive with its reason, and the worst domain',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const created = await f.call({ method: 'POST', url: '/api/v1/connections', payload: tokenBody() });
    const id = created.json().connection.id as string;
    const list = async () =>
      (await f.call({ method: 'GET', url: '/api/v1/connections', as: 'analyst' })).json();
    const first = await list();
    assert.equal(first.connections[0].status.state, 'pending');
    assert.equal(first.worstLastSync.reason, 'not synced yet');
    assert.deepEqual(
      first.worstLastSyncByKind,
      { atlassian: first.worstLastSync },
      'the Atlassian row names it',
    );

    const now = f.server.clock.now.getTime();
    const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const scan = (
      n: number,
      status: 'queued' | 'running' | 'success' | 'error',
      fields: Record<string, unknown> = {},
    ) =>
      database.db
        .insertInto('scans')
        .values({
          id: `s${n}`,
          connection_id: id,
          trigger: 'scheduled',
          requested_by: null,
          status,
          reason: null,
          progress: null,
          queued_at: iso(1000 - n),
          started_at: null,
          finished_at: null,
          sync_run_id: null,
          snapshot_version: null,
          calls: 0,
          retries: 0,
          rate_limited: 0,
          holder: null,
          ...fields,
        })
        .execute();

    // A sync that took 41 minutes, 14 hours ago on a 6 h schedule: excessive both ways.
    await scan(1, 'success', {
      started_at: iso(14 * 60 + 41),
      finished_at: iso(14 * 60),
      snapshot_version: 1,
    });
    let body = await list();
    const c = body.connections[0];
    assert.equal(c.status.state, 'success');
    assert.equal(c.lastSync.durationSeconds, 41 * 60);
    assert.equal(c.lastSync.excessive, true);
    assert.equal(
      c.lastSync.reason,
      'took 41 min, over the 30 min threshold; last synced 14 h ago, over twice the 6 h schedule',
    );
    assert.deepEqual(c.domains[0].lastSync, c.lastSync);
    assert.equal(body.worstLastSync.connectionId, id);
    assert.equal(body.worstLastSync.excessive, true);
    assert.ok(c.domains.some((d: { host: string }) => d.host === body.worstLastSync.host));
    assert.deepEqual(body.worstLastSyncByKind, { atlassian: body.worstLastSync });

    await scan(2, 'running', {
      started_at: iso(5),
      progress: JSON.stringify({ done: 3, total: 40, phase: 'jira' }),
    });
    body = await list();
    assert.deepEqual(body.connections[0].status, {
      state: 'in_progress',
      progress: { done: 3, total: 40, phase: 'jira' },
    });
    assert.equal(body.connections[0].lastSync.at, iso(14 * 60));

    await database.db
      .updateTable('scans')
      .set({ status: 'error', reason: 'the API token was revoked', finished_at: iso(1) })
      .where('id', '=', 's2')
      .execute();
    body = await list();
    assert.deepEqual(body.connections[0].status, { state: 'error', reason: 'the API token was revoked' });

    // A quick, recent sync on a per-connection 1 h schedule: not excessive.
    const patched = await f.call({
      method: 'PATCH',
      url: `/api/v1/connections/${id}`,
      payload: { scanIntervalSeconds: 3600 },
    });
    assert.equal(patched.json().scanIntervalSeconds, 3600);
    await scan(3, 'success', { started_at: iso(12), finished_at: iso(2), snapshot_version: 2 });
    body = await list();
    assert.equal(body.connections[0].status.state, 'success');
    assert.deepEqual(body.connections[0].lastSync, { at: iso(2), durationSeconds: 600, excessive: false });
    assert.equal(body.worstLastSync.excessive, false);
    assert.equal(body.worstLastSync.reason, null);

    // A site whose datasets failed in that sync says so on its own line; the others are fine.
    const [failing, ...others] = body.connections[0].domains;
    await database.db
      .insertInto('sync_runs')
      .values({
        id: 'run-3',
        connection_id: id,
        status: 'success',
        reason: null,
        created_at: iso(12),
        started_at: iso(12),
        finished_at: iso(2),
        datasets_total: 2,
        datasets_done: 2,
        items_read: 0,
        snapshot_version: 2,
      })
      .execute();
    await database.db
      .insertInto('dataset_outcomes')
      .values({
        run_id: 'run-3',
        dataset: 'jira.projects',
        scope: failing.cloudId,
        status: 'failed',
        reason: '500',
        missing_scope: null,
        items: 0,
        pages: 0,
        checkpoint: null,
        started_at: null,
        finished_at: null,
        warnings: null,
      })
      .execute();
    await database.db.updateTable('scans').set({ sync_run_id: 'run-3' }).where('id', '=', 's3').execute();
    body = await list();
    assert.equal(body.connections[0].status.state, 'success');
    assert.deepEqual(body.connections[0].domains[0].status, {
      state: 'error',
      reason: 'the last sync could not read jira.projects',
    });
    assert.ok(
      body.connections[0].domains
        .slice(1)
        .every((d: { status: { state: string } }) => d.status.state === 'success'),
    );
    assert.ok(others.length > 0);

    // A problem found outside a scan wins.
    await database.db.updateTable('connection_profiles').set({ error_reason: 'Grant expired' }).execute();
    body = await list();
    assert.deepEqual(body.connections[0].status, { state: 'error', reason: 'Grant expired' });
    const tooOften = await f.call({
      method: 'PATCH',
      url: `/api/v1/connections/${id}`,
      payload: { scanIntervalSeconds: 60 },
    });
    assert.equal(tooOften.statusCode, 400);
    assert.match(tooOften.json().error.message, /scanIntervalSeconds/);
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'replacing the token: without confirm 409, a wrong one 422 with the stored one untouched, a right one updates the key shown',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const id = (await f.call({ method: 'POST', url: '/api/v1/connections', payload: tokenBody() })).json()
      .connection.id;
    const stored = async () =>
      (
        await database.db
          .selectFrom('connection_credentials')
          .select('ciphertext')
          .where('purpose', '=', 'read')
          .executeTakeFirstOrThrow()
      ).ciphertext;
    const before = await stored();
    const url = `/api/v1/connections/${id}/credentials`;
    const unconfirmed = await f.call({
      method: 'PUT',
      url,
      payload: { apiToken: member.apiToken, adminEmail: member.email },
    });
    assert.equal(unconfirmed.statusCode, 409);
    assert.equal(unconfirmed.json().error.code, 'confirmation_required');
    const wrong = await f.call({
      method: 'PUT',
      url,
      payload: { apiToken: 'wrong-token-abcd', confirm: true },
    });
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.equal(await stored(), before);
    const right = await f.call({
      method: 'PUT',
      url,
      payload: { apiToken: member.apiToken, adminEmail: member.email, confirm: true },
    });
    assert.equal(right.statusCode, 200, right.body);
    assert.deepEqual(right.json().connection.apiKey, { last4: member.apiToken.slice(-4) });
    assert.notEqual(await stored(), before);
    assert.deepEqual(f.scans.requests.at(-1), {
      connectionId: id,
      trigger: 'reconnect',
      by: f.users.owner.id,
    });

    await database.db
      .updateTable('connection_profiles')
      .set({ error_reason: 'the API token was revoked' })
      .execute();
    const reconnectUrl = `/api/v1/connections/${id}/reconnect`;
    assert.equal((await f.call({ method: 'POST', url: reconnectUrl, payload: {} })).statusCode, 409);
    const reconnected = await f.call({ method: 'POST', url: reconnectUrl, payload: { confirm: true } });
    assert.equal(reconnected.statusCode, 200, reconnected.body);
    assert.equal(reconnected.json().connection.status.state, 'pending');
    const entries = await database.db.selectFrom('audit_log').select('action').orderBy('at').execute();
    assert.deepEqual(
      entries.map((e) => e.action),
      ['connection.create', 'connection.credentials.update', 'connection.reconnect'],
    );
    await f.assertNoSecretStored();
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'write consent needs a site admin: a member’s token is refused (422), the admin’s is granted and can be revoked',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const id = (await f.call({ method: 'POST', url: '/api/v1/connections', payload: tokenBody() })).json()
      .connection.id;
    const url = `/api/v1/connections/${id}/write-consent`;
    const refused = await f.call({
      method: 'POST',
      url,
      payload: { adminEmail: member.email, apiToken: member.apiToken },
    });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().error.code, 'not_site_admin');
    const analyst = await f.call({
      method: 'POST',
      url,
      payload: { adminEmail: admin.email, apiToken: admin.apiToken },
      as: 'analyst',
    });
    assert.equal(analyst.statusCode, 403);
    const granted = await f.call({
      method: 'POST',
      url,
      payload: { adminEmail: admin.email, apiToken: admin.apiToken },
      as: 'admin',
    });
    assert.equal(granted.statusCode, 200, granted.body);
    assert.deepEqual(granted.json(), { writeConsent: { granted: true, last4: admin.apiToken.slice(-4) } });
    const shown = (await f.call({ method: 'GET', url: `/api/v1/connections/${id}` })).json();
    assert.deepEqual(shown.writeConsent, { granted: true, last4: admin.apiToken.slice(-4) });
    const revoked = await f.call({ method: 'DELETE', url });
    assert.deepEqual(revoked.json(), { writeConsent: { granted: false } });
    const purposes = await database.db.selectFrom('connection_credentials').select('purpose').execute();
    assert.deepEqual(
      purposes.map((p) => p.purpose),
      ['read'],
    );
    await f.assertNoSecretStored();
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'deleting needs confirm, answers 202 with the credentials gone at once, then purges every row of the connection but the audit log',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const id = (await f.call({ method: 'POST', url: '/api/v1/connections', payload: tokenBody() })).json()
      .connection.id;
    const deleted = new Promise<PalisadeEvent>((resolve) => {
      f.server.deps.events.subscribe((e) => {
        if (e.type === 'connection.deleted') resolve(e);
      });
    });
    assert.equal((await f.call({ method: 'DELETE', url: `/api/v1/connections/${id}` })).statusCode, 409);
    const res = await f.call({ method: 'DELETE', url: `/api/v1/connections/${id}?confirm=true` });
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(res.json(), { id, state: 'deleting' });
    assert.equal((await f.call({ method: 'GET', url: `/api/v1/connections/${id}` })).statusCode, 404);
    assert.equal((await deleted).connectionId, id);
    assert.deepEqual(await rowsOf(database.db), { connections: 0, profiles: 0, credentials: 0 });
    for (const table of CONNECTION_TABLES) {
      const left = await database.db
        .selectFrom(table as 'scans')
        .select('connection_id')
        .where('connection_id', '=', id)
        .execute();
      assert.deepEqual(left, [], table);
    }
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('connection_id', '=', id)
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['connection.create', 'connection.delete']);
    assert.deepEqual((await f.call({ method: 'GET', url: '/api/v1/connections' })).json(), {
      connections: [],
      worstLastSync: null,
      worstLastSyncByKind: {},
    });
  },
  { timeout: 60_000 },
);

forEachDatabase(
  'the org API key alone reads the organization only; sites without a site credential, a host not allowed and a key that cannot list sites are refused by name',
  async (t, database) => {
    const f = await connectionsFixture(t, database, sim);
    const sitesWithoutToken = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: { method: 'api-token', orgApiKey, siteUrls: [sim.info.sites[0]?.url] },
    });
    assert.equal(sitesWithoutToken.statusCode, 400);
    assert.match(sitesWithoutToken.json().error.message, /siteUrls need adminEmail and apiToken/);
    const notAllowed = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: tokenBody({ siteUrls: ['https://intranet.example.com'] }),
    });
    assert.equal(notAllowed.statusCode, 403, notAllowed.body);
    assert.equal(notAllowed.json().error.code, 'host_not_allowed');
    const scopedKey = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: tokenBody({ orgApiKey: sim.info.credentials.scopedOrgApiKey }),
    });
    assert.equal(scopedKey.statusCode, 422, scopedKey.body);
    assert.match(scopedKey.json().error.message, /may not list the organization’s sites/);
    assert.deepEqual(await rowsOf(database.db), { connections: 0, profiles: 0, credentials: 0 });

    const orgOnly = await f.call({
      method: 'POST',
      url: '/api/v1/connections',
      payload: { method: 'api-token', orgApiKey },
    });
    assert.equal(orgOnly.statusCode, 201, orgOnly.body);
    const { connection, permissions } = orgOnly.json();
    assert.deepEqual(connection.domains, []);
    assert.deepEqual(connection.apiKey, { last4: orgApiKey.slice(-4) });
    assert.ok(permissions.length > 0 && permissions.every((p: { scope: string }) => p.scope === 'org'));
  },
  { timeout: 60_000 },
);
