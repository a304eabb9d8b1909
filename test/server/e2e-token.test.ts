import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { forEachDatabase, type TestDatabase } from '../../src/db/testing/test-database.ts';
import { ensureSetupLink } from '../../src/people/setup.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/test-server.ts';
import { controlApi } from '../integration/simulated-org.ts';

// The server end to end, as a security team meets it, on both databases: first-run setup → sign
// in → add the Acme organization with the token method → In progress, then Success with its
// domains → a wrong API token refused (422) and the old one kept → the right one with confirm →
// the token revoked at Atlassian → the next scan is Error with its reason → reconnect → Success →
// delete → the data is gone. Then every answer, log line and stored row is searched for the
// credentials given to it: none may appear.

const BUILT = new Date('2026-11-01T12:00:00Z');
const PASSWORD = 'correct horse battery staple';

interface Client {
  cookie: string;
  csrf: string;
}

/** The fields of a connection this test reads. */
interface ConnectionView {
  status: { state: string; reason?: string };
  domains: { host: string }[];
  apiKey: { last4: string };
  lastSync: unknown;
}

interface Exchange {
  status: number;
  body: string;
}

forEachDatabase(
  'a team sets up Palisade, connects Acme with an API token, survives a revoked token and deletes the connection',
  async (t, database) => {
    const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, BUILT) });
    t.after(() => sim.stop());
    const { allowHosts, baseUrls } = simConnection(sim.info);
    const server = await startServer(database, allowHosts, baseUrls);
    t.after(async () => {
      await server.deps.scans.stop();
      await server.app.close();
    });
    const answers: Exchange[] = [];
    const call: Call = async (who, method, url, payload) => {
      const res = await server.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
      });
      answers.push({ status: res.statusCode, body: res.body });
      return res;
    };
    const { admin, orgApiKey } = sim.info.credentials;

    // First run: the one-time setup link creates the owner, who is signed in.
    const link = await ensureSetupLink(database.db, server.clock.now, server.deps.settings.publicUrl);
    assert.ok(link, 'an empty database offers the setup link');
    const token = new URL(link).searchParams.get('token');
    const setup = await call(null, 'POST', '/api/v1/setup', {
      token,
      email: 'ciso@acme.test',
      name: 'Casey Ciso',
      password: PASSWORD,
    });
    assert.equal(setup.statusCode, 200, setup.body);
    assert.equal(
      (
        await call(null, 'POST', '/api/v1/setup', {
          token,
          email: 'x@acme.test',
          name: 'X',
          password: PASSWORD,
        })
      ).statusCode,
      409,
    );
    const signIn = await call(null, 'POST', '/api/v1/session', {
      email: 'ciso@acme.test',
      password: PASSWORD,
    });
    assert.equal(signIn.statusCode, 200, signIn.body);
    const owner: Client = {
      cookie: String(signIn.headers['set-cookie']).split(';')[0] ?? '',
      csrf: signIn.json().csrfToken,
    };

    // Add Acme with the token method: verified first, then the first scan starts at once.
    const created = await call(owner, 'POST', '/api/v1/connections', {
      method: 'api-token',
      adminEmail: admin.email,
      apiToken: admin.apiToken,
      orgId: sim.info.org.id,
      orgApiKey,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id: string = created.json().connection.id;
    assert.ok(created.json().permissions.some((p: { readable: boolean }) => p.readable));
    const url = `/api/v1/connections/${encodeURIComponent(id)}`;
    const first = await untilScanEnds(call, owner, url, (state) => assert.notEqual(state, 'error'));
    assert.equal(first.status.state, 'success', JSON.stringify(first.status));
    assert.deepEqual(
      first.domains.map((d) => d.host).sort(),
      sim.info.sites.map((s) => new URL(s.url).host).sort(),
    );
    assert.equal(first.apiKey.last4, admin.apiToken.slice(-4));
    assert.notEqual(first.lastSync, null);
    const list = (await call(owner, 'GET', '/api/v1/connections')).json();
    assert.equal(list.connections.length, 1);
    assert.equal(list.connections[0].firstConnected.by.name, 'Casey Ciso');

    // A wrong API token is refused and the one that works is kept.
    const wrong = await call(owner, 'PUT', `${url}/credentials`, {
      apiToken: 'ATATT-not-a-real-token-0000',
      adminEmail: admin.email,
      confirm: true,
    });
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.equal((await call(owner, 'GET', url)).json().apiKey.last4, admin.apiToken.slice(-4));
    const unconfirmed = await call(owner, 'PUT', `${url}/credentials`, {
      apiToken: admin.apiToken,
      adminEmail: admin.email,
    });
    assert.equal(unconfirmed.statusCode, 409);
    assert.equal(unconfirmed.json().error.code, 'confirmation_required');
    const right = await call(owner, 'PUT', `${url}/credentials`, {
      apiToken: admin.apiToken,
      adminEmail: admin.email,
      confirm: true,
    });
    assert.equal(right.statusCode, 200, right.body);
    await untilScanEnds(call, owner, url);

    // The token is revoked at Atlassian: the next scan ends in Error naming the credential.
    await controlApi(sim.info.controlUrl).send('POST', '/tenant/api-tokens/revoke', {
      apiToken: admin.apiToken,
    });
    assert.equal((await call(owner, 'POST', `${url}/scans`)).statusCode, 202);
    const failed = await untilScanEnds(call, owner, url);
    assert.equal(failed.status.state, 'error');
    assert.match(failed.status.reason ?? '', /credential|API token|401/i);

    // Reconnect: the person creates a new token at Atlassian and gives it; Success again.
    const fresh = 'ATATT-fresh-token-for-acme-0001';
    sim.context.state.tokensBySecret.set(fresh, {
      ...(sim.context.state.tokensBySecret.get(admin.apiToken) as object),
      revoked: false,
    } as never);
    const stillRevoked = await call(owner, 'POST', `${url}/reconnect`, { confirm: true });
    assert.equal(stillRevoked.statusCode, 422, 'reconnecting with the revoked token is refused');
    const replaced = await call(owner, 'PUT', `${url}/credentials`, {
      apiToken: fresh,
      adminEmail: admin.email,
      confirm: true,
    });
    assert.equal(replaced.statusCode, 200, replaced.body);
    const recovered = await untilScanEnds(call, owner, url);
    assert.equal(recovered.status.state, 'success', JSON.stringify(recovered.status));
    assert.equal(recovered.apiKey.last4, fresh.slice(-4));

    // Delete with Confirm: the connection and its data are purged; the audit log keeps the fact.
    assert.equal((await call(owner, 'DELETE', url)).statusCode, 409);
    assert.equal((await call(owner, 'DELETE', `${url}?confirm=true`)).statusCode, 202);
    await until(async () => (await call(owner, 'GET', url)).statusCode === 404);
    await until(async () => (await rowsOf(database, id)) === 0);
    const audit = (await call(owner, 'GET', '/api/v1/audit-log?limit=200')).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    for (const action of ['connection.create', 'connection.credentials.update', 'connection.delete']) {
      assert.ok(actions.includes(action), `${action} is in the audit log`);
    }

    // No credential anywhere: answers, log lines, stored rows (the sealed ones aside).
    const secrets = [
      admin.apiToken,
      fresh,
      orgApiKey,
      PASSWORD,
      Buffer.from(`${admin.email}:${admin.apiToken}`).toString('base64'),
    ];
    const haystacks = [
      ...answers.map((a) => `answer ${a.status}: ${a.body}`),
      ...server.logLines().map((l) => `log: ${l}`),
      ...(await storedText(database)).map((r) => `row: ${r}`),
    ];
    for (const secret of secrets) {
      const found = haystacks.find((h) => h.includes(secret));
      assert.equal(found, undefined, `a credential appears in ${found?.slice(0, 200)}`);
    }
  },
  { timeout: 240_000 },
);

async function startServer(
  database: TestDatabase,
  allowHosts: string[],
  baseUrls: { api: string; marketplace: string; auth: string },
): Promise<TestServer> {
  // The clock runs from the tenant's build time at the pace of the wall clock (leases, schedules).
  const server = await startTestServer(database, {
    now: BUILT,
    running: true,
    settings: { allowHosts, baseUrls },
  });
  server.deps.scans.start();
  return server;
}

type Call = (
  who: Client | null,
  method: string,
  url: string,
  payload?: unknown,
) => Promise<LightMyRequestResponse>;

/** Polls the connection until no scan is queued or running, and returns it. */
async function untilScanEnds(
  call: Call,
  who: Client,
  url: string,
  onState: (state: string) => void = () => {},
): Promise<ConnectionView> {
  let view = {} as ConnectionView;
  let sawInProgress = false;
  await until(async () => {
    view = (await call(who, 'GET', url)).json<ConnectionView>();
    onState(view.status.state);
    if (view.status.state === 'in_progress' || view.status.state === 'pending') sawInProgress = true;
    return sawInProgress && view.status.state !== 'in_progress' && view.status.state !== 'pending';
  });
  return view;
}

async function until(check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting');
}

/** Rows that still name the connection, in every table that has a connection_id but the audit log. */
async function rowsOf(database: TestDatabase, id: string): Promise<number> {
  let total = 0;
  for (const table of await tablesWith(database, 'connection_id')) {
    if (table === 'audit_log') continue;
    const r = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(table)} where connection_id = ${id}`.execute(database.db);
    total += Number(r.rows[0]?.n ?? 0);
  }
  return total;
}

async function tablesWith(database: TestDatabase, column: string): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables.filter((t) => t.columns.some((c) => c.name === column)).map((t) => t.name);
}

/** Every stored text value, sealed credentials aside (they are ciphertext by design). */
async function storedText(database: TestDatabase): Promise<string[]> {
  const out: string[] = [];
  for (const table of await database.db.introspection.getTables()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(
      database.db,
    );
    for (const row of rows.rows) {
      const { ciphertext: _sealed, ...rest } = row;
      out.push(`${table.name} ${JSON.stringify(rest)}`);
    }
  }
  return out;
}
