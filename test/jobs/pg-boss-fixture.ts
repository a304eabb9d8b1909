import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import type { Tenant } from '../../simulator/tenant/model.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { TINY, tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import { connect } from '../../src/connections/connect.ts';
import { createSecretBox, type SecretBox } from '../../src/connections/credentials/secret-box.ts';
import type { Database } from '../../src/db/schema.ts';
import { openTestDatabase, type TestDatabase, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { createEventBus, type EventBus, type PalisadeEvent } from '../../src/jobs/events.ts';
import {
  createPgBossScanService,
  type PgBossScanService,
  type PgBossScanServiceDeps,
} from '../../src/jobs/pg-boss-scan-service.ts';
import { type ControlApi, controlApi } from '../integration/simulated-org.ts';
import { seedManagedConnection } from '../server/managed-connection-fixture.ts';

// Several simulated organizations (the tiny tenant under distinct org ids), each a server-managed
// connection in one PostgreSQL test schema, and pg-boss scan services ("workers") over them that
// share a pg-boss schema of their own (dropped afterwards).

export const BUILT = new Date('2026-11-01T12:00:00Z');
export const HOUR_MS = 3_600_000;

export interface SimulatedOrg {
  sim: RunningSimulator;
  control: ControlApi;
  connectionId: string;
}

export interface FleetFixture {
  database: TestDatabase;
  orgs: SimulatedOrg[];
  events: EventBus;
  seen: PalisadeEvent[];
  clock: { now(): Date; advance(ms: number): void };
  worker(overrides?: Partial<PgBossScanServiceDeps>): PgBossScanService;
  stop(): Promise<void>;
}

/**
 * The tiny tenant as another customer: its sites' cloud ids replaced everywhere. Connections are
 * to the sites only (no org API key), so each has its own id and reaches only its own simulator.
 */
function tinyOrg(index: number): Tenant {
  const n = String(100 + index).padStart(10, '0');
  const json = JSON.stringify(tinyTenant(BUILT))
    .replaceAll(TINY.siteA, `c0ffee00-0000-4000-8000-${n}0a`)
    .replaceAll(TINY.siteB, `c0ffee00-0000-4000-8000-${n}0b`);
  return JSON.parse(json) as Tenant;
}

export interface SeededOrg extends SimulatedOrg {
  allowHosts: string[];
  baseUrls: { api: string; marketplace: string; auth: string };
}

/**
 * Starts the simulator of org `index` and saves it as a server-managed connection (site
 * credentials, sealed with `secretBox`) whose next scan is six hours away.
 */
export async function seedSimulatedOrg(
  db: Kysely<Database>,
  secretBox: SecretBox,
  index: number,
  now: Date,
): Promise<SeededOrg> {
  const sim = await startSimulator({ tenant: tinyOrg(index), rebuild: () => tinyOrg(index) });
  const { info } = sim;
  const conn = simConnection(info, { org: false });
  const siteUrls = info.sites.map((s) => s.url);
  const { target } = await connect(
    {
      sites: siteUrls,
      siteCredential: { email: info.credentials.admin.email, apiToken: info.credentials.admin.apiToken },
    },
    conn,
  );
  await seedManagedConnection(db, secretBox, {
    target,
    now,
    nextScanAt: new Date(now.getTime() + 6 * HOUR_MS),
    bundle: {
      method: 'api-token',
      adminEmail: info.credentials.admin.email,
      apiToken: info.credentials.admin.apiToken,
      siteUrls,
    },
  });
  return {
    sim,
    control: controlApi(info.controlUrl),
    connectionId: target.id,
    allowHosts: conn.allowHosts,
    baseUrls: conn.baseUrls,
  };
}

export async function fleetFixture(orgCount: number): Promise<FleetFixture> {
  const url = testPostgresUrl();
  if (!url) throw new Error('PALISADE_TEST_POSTGRES_URL is unset');
  const database = await openTestDatabase('postgres');
  const bossSchema = `${database.options.schema}_boss`;
  const started = Date.now();
  let offset = 0;
  const clock = {
    now: () => new Date(BUILT.getTime() + (Date.now() - started) + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
  const secretBox: SecretBox = createSecretBox(randomBytes(32));
  const allowHosts: string[] = [];
  let baseUrls: ReturnType<typeof simConnection>['baseUrls'] | undefined;
  const orgs: SimulatedOrg[] = [];
  for (let i = 0; i < orgCount; i++) {
    const org = await seedSimulatedOrg(database.db, secretBox, i, clock.now());
    allowHosts.push(...org.allowHosts);
    // Every simulator serves its own sites; the Atlassian-wide URLs of the first are used by all.
    baseUrls ??= org.baseUrls;
    orgs.push(org);
  }
  const events = createEventBus();
  const seen: PalisadeEvent[] = [];
  events.subscribe((event) => seen.push(event));
  const workers: PgBossScanService[] = [];
  return {
    database,
    orgs,
    events,
    seen,
    clock,
    worker(overrides = {}) {
      const worker = createPgBossScanService({
        connectionString: url,
        schema: bossSchema,
        db: database.db,
        now: clock.now,
        secretBox,
        allowHosts,
        baseUrls: baseUrls ?? simConnection(orgs[0]?.sim.info ?? ({} as never)).baseUrls,
        events,
        scanIntervalMs: 6 * HOUR_MS,
        progressThrottleMs: 20,
        pollingIntervalSeconds: 0.5,
        stopTimeoutMs: 10_000,
        ...overrides,
      });
      workers.push(worker);
      return worker;
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
      await Promise.all(orgs.map((o) => o.sim.stop()));
      await database.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${bossSchema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function waitFor(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  ms = 30_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function scansOf(f: FleetFixture, connectionId?: string) {
  let query = f.database.db.selectFrom('scans').selectAll().orderBy('queued_at');
  if (connectionId) query = query.where('connection_id', '=', connectionId);
  return query.execute();
}

export async function allFinished(f: FleetFixture): Promise<boolean> {
  const rows = await scansOf(f);
  return rows.every((row) => row.status !== 'queued' && row.status !== 'running');
}

export async function twoWorkers(f: FleetFixture): Promise<[PgBossScanService, PgBossScanService]> {
  const a = f.worker();
  const b = f.worker();
  a.start();
  b.start();
  await Promise.all([a.ready(), b.ready()]);
  return [a, b];
}

/** Drops a schema of the test database (pg-boss's, after a test). */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
