import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { createSecretBox } from '../../src/connections/credentials/secret-box.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import type { ScansTable } from '../../src/db/schema-server.ts';
import { testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { createEventBus } from '../../src/jobs/events.ts';
import { createPgBossScanService, type PgBossScanService } from '../../src/jobs/pg-boss-scan-service.ts';
import { toolInfo } from '../../src/report/tool-info.ts';
import { type LongRun, startPalisade } from '../cli/long-running.ts';
import { HOUR_MS, type SeededOrg, seedSimulatedOrg } from '../jobs/pg-boss-fixture.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

// A fleet of real Palisade processes for the reliability suite: a PostgreSQL database of its own
// (created for the test, dropped after it, so that pg-boss's schema and the LISTEN channel are the
// test's alone), simulated organizations saved as server-managed connections, and `palisade
// worker` / `palisade serve --no-worker` child processes that reach the database through a TCP
// proxy the test can cut (a database restart as the processes see it).

/** The lease term the processes run with: a dead worker's scan moves on within seconds. */
export const LEASE_TTL = '6s';

export interface Fleet {
  /** The test's own handle on the database (direct, not through the proxy). */
  db: Kysely<Database>;
  proxy: TcpProxy;
  orgs: SeededOrg[];
  /** Queues scans as a `serve --no-worker` would (in the test process, direct to the database). */
  api: PgBossScanService;
  startWorker(): Promise<LongRun>;
  /** `palisade serve --no-worker` (with `jobs`: plain `serve`, which runs jobs too) on a free port. */
  startServer(options?: { jobs?: boolean }): Promise<{ run: LongRun; url: string }>;
  /** Makes the given connections' (default: all) next scheduled scans due now. */
  dueNow(connectionIds?: readonly string[]): Promise<void>;
  scans(connectionId?: string): Promise<ScansTable[]>;
  /** Every process's output, for a failing assertion's message. */
  output(): string;
  stop(): Promise<void>;
}

function databaseUrl(base: string, name: string, port?: number): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  if (port !== undefined) {
    url.hostname = '127.0.0.1';
    url.port = String(port);
  }
  return url.toString();
}

async function admin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

export async function startFleet(orgCount: number): Promise<Fleet> {
  const base = testPostgresUrl();
  if (!base) throw new Error('PALISADE_TEST_POSTGRES_URL is unset');
  const name = `reliability_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const directUrl = databaseUrl(base, name);
  const handle = createDatabase({ url: directUrl });
  const db = handle.db;
  await migrateToLatest(db, { version: toolInfo().version });
  const key = randomBytes(32);
  const secretBox = createSecretBox(key);
  const now = new Date();
  const orgs: SeededOrg[] = [];
  for (let i = 0; i < orgCount; i++) orgs.push(await seedSimulatedOrg(db, secretBox, i, now));
  const first = orgs[0];
  if (!first) throw new Error('a fleet needs at least one organization');
  const pgTarget = new URL(base);
  const proxy = await startTcpProxy({ host: pgTarget.hostname, port: Number(pgTarget.port || 5432) });
  const processUrl = databaseUrl(base, name, proxy.port);
  const dataDir = mkdtempSync(join(tmpdir(), 'palisade-reliability-'));
  const env: Record<string, string> = {
    DATABASE_URL: processUrl,
    PALISADE_SECRET_KEY: key.toString('hex'),
    PALISADE_DATA_DIR: dataDir,
    PALISADE_ALLOW_HOSTS: [...new Set(orgs.flatMap((o) => o.allowHosts))].join(','),
    PALISADE_ADMIN_API_URL: first.baseUrls.api,
    PALISADE_MARKETPLACE_URL: first.baseUrls.marketplace,
    PALISADE_AUTH_URL: first.baseUrls.auth,
    PALISADE_SCAN_LEASE_TTL: LEASE_TTL,
    PALISADE_LOG_LEVEL: 'warn',
  };
  const api = createPgBossScanService({
    connectionString: directUrl,
    runJobs: false,
    db,
    now: () => new Date(),
    secretBox,
    allowHosts: [],
    baseUrls: first.baseUrls,
    events: createEventBus(),
    scanIntervalMs: 6 * HOUR_MS,
  });
  await api.ready();
  const runs: LongRun[] = [];
  const labels: string[] = [];
  const start = (args: string[], label: string) => {
    const run = startPalisade(args, { cwd: dataDir, env });
    runs.push(run);
    labels.push(label);
    return run;
  };
  return {
    db,
    proxy,
    orgs,
    api,
    async startWorker() {
      const run = start(['worker'], `worker ${runs.length + 1}`);
      await run.waitFor(/Palisade worker \S+ running/, 30_000);
      return run;
    },
    async startServer(options = {}) {
      const args = ['serve', ...(options.jobs ? [] : ['--no-worker']), '--port', '0'];
      const run = start(args, `server ${runs.length + 1}`);
      const match = await run.waitFor(/listening on (http:\S+)/, 30_000);
      return { run, url: match[1] ?? '' };
    },
    async dueNow(connectionIds = orgs.map((o) => o.connectionId)) {
      await db
        .updateTable('connection_profiles')
        .set({ next_scan_at: new Date(Date.now() - 1000).toISOString() })
        .where('connection_id', 'in', connectionIds)
        .execute();
    },
    async scans(connectionId) {
      let query = db.selectFrom('scans').selectAll().orderBy('queued_at');
      if (connectionId) query = query.where('connection_id', '=', connectionId);
      return query.execute();
    },
    output() {
      return runs
        .map((run, i) => `--- ${labels[i]}\n${run.stdout().slice(-4000)}\n${run.stderr().slice(-2000)}`)
        .join('\n');
    },
    async stop() {
      for (const run of runs) {
        if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
      }
      await api.stop().catch(() => undefined);
      await proxy.close();
      await Promise.all(orgs.map((o) => o.sim.stop()));
      await handle.close();
      // The killed processes' connections may linger a moment: FORCE ends them.
      await admin(`drop database if exists ${name} with (force)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitUntil(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  ms: number,
  context: () => string | Promise<string> = () => '',
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until)
      throw new Error(`timed out after ${ms} ms waiting for ${what}\n${await context()}`);
    await sleep(100);
  }
}

/** The connection's findings of one version, as `rule_id resource_type state` sorted (ids differ between orgs). */
export async function findingShape(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('findings')
    .select(['rule_id', 'resource_type', 'state', 'key'])
    .where('connection_id', '=', connectionId)
    .where('snapshot_version', '=', version)
    .execute();
  return rows.map((r) => `${r.rule_id} ${r.resource_type} ${r.state}`).sort();
}

export interface EventStream {
  /** `event` names and `data` objects received so far. */
  events: { type: string; data: Record<string, unknown> }[];
  close(): void;
}

/** A browser's `GET /api/v1/events` on a server: every frame collected until closed. */
export async function openEventStream(url: string, bearer: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/v1/events`, {
    headers: { authorization: bearer, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`events answered ${response.status}`);
  const events: EventStream['events'] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (type && data) events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => undefined);
  return { events, close: () => controller.abort() };
}
