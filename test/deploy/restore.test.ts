import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startSimulator } from '../../simulator/start.ts';
import { tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import { readCliEnv } from '../../src/cli/cli-env.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/testing/scratch-database.ts';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { createApiToken } from '../../src/people/api-tokens.ts';
import { insertUser } from '../../src/people/users.ts';
import { type RunningServer, startServer } from '../../src/server/start-server.ts';

// docs/deploy.md's backup and restore, done as an operator would: a server on PostgreSQL scans an
// organization, its whole database (Palisade's tables and pg-boss's schema) is dumped with
// `pg_dump -Fc`, restored with `pg_restore` into a new, empty database, and a server started on
// that copy with the same secret key answers the connections and findings exactly as the first.

const run = promisify(execFile);
const KEY = 'aa'.repeat(32);

async function hasPgTools(): Promise<boolean> {
  try {
    await run('pg_dump', ['--version']);
    await run('pg_restore', ['--version']);
    return true;
  } catch {
    return false;
  }
}

const skip = !testPostgresUrl()
  ? POSTGRES_SKIP_MESSAGE
  : !(await hasPgTools())
    ? 'restore test skipped: pg_dump and pg_restore are not on PATH (apt-get install postgresql-client)'
    : false;

test('a database restored from a pg_dump serves the same connections and findings as the original', {
  skip,
  timeout: 120_000,
}, async (t) => {
  const server = testPostgresUrl() ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'palisade-restore-'));
  const sim = await startSimulator({ tenant: tinyTenant() });
  const databases: ScratchDatabase[] = [];
  t.after(async () => {
    await sim.stop();
    for (const d of databases) await d.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  const { info } = sim;
  const hosts = [...info.sites.map((s) => s.url), info.adminApiUrl, info.marketplaceUrl, info.authUrl];
  const env = readCliEnv({
    PALISADE_DATA_DIR: dir,
    PALISADE_SECRET_KEY: KEY,
    PALISADE_ALLOW_HOSTS: hosts.map((u) => new URL(u).host).join(','),
    PALISADE_ADMIN_API_URL: info.adminApiUrl,
    PALISADE_MARKETPLACE_URL: info.marketplaceUrl,
    PALISADE_AUTH_URL: info.authUrl,
    PALISADE_LOG_LEVEL: 'silent',
  });

  /** A server on `url` (migrated at open, as `palisade serve` does), until `use` returns. */
  const serving = async <T>(url: string, use: (s: RunningServer) => Promise<T>): Promise<T> => {
    const handle = createDatabase({ url });
    await migrateToLatest(handle.db);
    const s = await startServer({
      db: handle.db,
      env,
      dataDir: dir,
      host: '127.0.0.1',
      port: 0,
      now: () => new Date(),
      postgresUrl: url,
    });
    try {
      return await use(s);
    } finally {
      await s.close();
      await handle.close();
    }
  };

  const original = await createScratchDatabase(server, `palisade_restore_src_${process.pid}`);
  databases.push(original);
  const restored = await createScratchDatabase(server, `palisade_restore_dst_${process.pid}`);
  databases.push(restored);

  // An owner's API token, stored in the database: it must work on the restored copy too.
  let token = '';
  const get = async (base: string, path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, `${path} answered ${res.status}`);
    return res.json();
  };
  const answers = async (base: string) => ({
    connections: await get(base, '/api/v1/connections'),
    findings: await get(base, '/api/v1/findings?limit=500'),
    critical: await get(base, '/api/v1/findings?severity=critical,high&limit=5'),
  });

  const before = await serving(original.url, async (s) => {
    const owner = await insertUser(s.deps.db, new Date(), {
      email: 'owner@example.com',
      name: 'Owner',
      role: 'owner',
      passwordHash: null,
      createdBy: null,
    });
    token = (await createApiToken(s.deps.db, new Date(), owner, { name: 'restore', expiresInDays: 1 })).token;
    const created = await fetch(`${s.url}/api/v1/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'api-token',
        adminEmail: info.credentials.admin.email,
        apiToken: info.credentials.admin.apiToken,
        orgId: info.org.id,
        orgApiKey: info.credentials.orgApiKey,
      }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const { connection } = (await created.json()) as { connection: { id: string } };
    const until = Date.now() + 60_000;
    for (;;) {
      const view = (await get(s.url, `/api/v1/connections/${connection.id}`)) as {
        status: { state: string; reason?: string };
      };
      if (view.status.state === 'success') break;
      assert.notEqual(view.status.state, 'error', `the scan failed: ${view.status.reason}`);
      assert.ok(Date.now() < until, 'the first scan did not end within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return answers(s.url);
  });
  assert.ok((before.findings as { items: unknown[] }).items.length > 0, 'the scan recorded findings');

  const dump = join(dir, 'palisade.dump');
  await run('pg_dump', ['-Fc', '-f', dump, original.url]);
  await run('pg_restore', ['--no-owner', '-d', restored.url, dump]);

  const after = await serving(restored.url, async (s) => answers(s.url));
  assert.deepEqual(after, before);
});
