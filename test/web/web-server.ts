import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ensureWebBuild } from '../../scripts/build-web.ts';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { listenerHosts } from '../../simulator/start-info.ts';
import { buildTenant, type TenantSource } from '../../simulator/tenant/build.ts';
import { readCliEnv } from '../../src/cli/cli-env.ts';
import { openTestDatabase, type TestDatabase } from '../../src/db/testing/test-database.ts';
import { type RunningServer, startServer } from '../../src/server/start-server.ts';

// The real `palisade serve` path for browser tests: the web UI built if stale (scripts/build-web.ts),
// the Atlassian simulator with the demo tenant ("Acme") as the server's Atlassian, a fresh SQLite
// database, the server on a free port with its first-run setup link. Logs go to `logLines()`.

export interface WebServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The one-time first-run link `serve` prints: /setup?token=… */
  setupUrl: string;
  server: RunningServer;
  sim: RunningSimulator;
  database: TestDatabase;
  logLines(): string[];
  close(): Promise<void>;
}

export interface WebServerOptions {
  scenario?: 'demo';
  /** Any simulator tenant (bench:ui uses the xl one); `scenario` is the short form. */
  tenant?: TenantSource;
  /** The simulator's OAuth app as the server's, its callback registered there (as `palisade demo` does). */
  oauth?: boolean;
  /** PALISADE_NOTIFY_ALLOW_HOSTS: hosts webhook channels may call. */
  notifyAllowHosts?: string[];
  /** More settings, e.g. PALISADE_SMTP_URL and PALISADE_MAIL_FROM. */
  env?: Record<string, string>;
}

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  await ensureWebBuild();
  const now = () => new Date();
  const tenant = options.tenant ?? { scenario: options.scenario ?? 'demo' };
  const sim = await startSimulator({ tenant: buildTenant(tenant, now()) });
  const { info } = sim;
  const hosts = listenerHosts(info);
  const dir = mkdtempSync(join(tmpdir(), 'palisade-web-'));
  const database = await openTestDatabase('sqlite');
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  // With OAuth the callback URL is a setting, so the port is chosen before the server starts; the
  // simulator's OAuth app registers that callback (as `palisade demo` does).
  const port = options.oauth ? await freePort() : 0;
  const callback = `http://127.0.0.1:${port}/api/v1/connections/oauth/callback`;
  const oauthEnv: Record<string, string> = {};
  if (options.oauth) {
    Object.assign(oauthEnv, {
      PALISADE_OAUTH_CLIENT_ID: info.credentials.oauth.clientId,
      PALISADE_OAUTH_CLIENT_SECRET: info.credentials.oauth.clientSecret,
      PALISADE_OAUTH_REDIRECT_URL: callback,
    });
    for (const client of sim.context.state.tenant.oauthClients) client.redirectUris.push(callback);
  }
  const server = await startServer({
    db: database.db,
    env: readCliEnv({
      PALISADE_DATA_DIR: dir,
      PALISADE_ALLOW_HOSTS: hosts.join(','),
      PALISADE_ADMIN_API_URL: info.adminApiUrl,
      PALISADE_MARKETPLACE_URL: info.marketplaceUrl,
      PALISADE_AUTH_URL: info.authUrl,
      PALISADE_BITBUCKET_API_URL: info.bitbucketUrl,
      PALISADE_LOG_LEVEL: 'warn',
      ...(options.notifyAllowHosts
        ? { PALISADE_NOTIFY_ALLOW_HOSTS: options.notifyAllowHosts.join(',') }
        : {}),
      ...oauthEnv,
      ...options.env,
    }),
    dataDir: dir,
    host: '127.0.0.1',
    port,
    now,
    logStream,
  });
  if (!server.setupUrl) throw new Error('a fresh database must give a first-run setup link');
  const setupUrl = server.setupUrl;
  return {
    url: server.url,
    setupUrl,
    server,
    sim,
    database,
    logLines: () => [...lines],
    async close() {
      await server.close();
      await sim.stop();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port free right now (for a setting that names the server's own URL before it listens). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
