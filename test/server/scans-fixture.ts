import { randomBytes } from 'node:crypto';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import { connect } from '../../src/connections/connect.ts';
import { createSecretBox, type SecretBox } from '../../src/connections/credentials/secret-box.ts';
import type { TestDatabase } from '../../src/db/testing/test-database.ts';
import { createEventBus, type EventBus, type PalisadeEvent } from '../../src/jobs/events.ts';
import {
  createInProcessScanService,
  type InProcessScanService,
  type InProcessScanServiceDeps,
} from '../../src/jobs/in-process-scan-service.ts';
import { type ControlApi, controlApi } from '../integration/simulated-org.ts';
import { seedManagedConnection } from './managed-connection-fixture.ts';

// A server-managed connection to a simulated organization, created directly in the database the
// way the connections API stores one (the connection, its profile, its sealed credential), and a
// scan service over it with a clock the test moves.

/** The tiny tenant is built at this time; the scans' clock runs from there. */
export const BUILT = new Date('2026-11-01T12:00:00Z');
export const HOUR_MS = 3_600_000;

export interface ScanFixture {
  sim: RunningSimulator;
  control: ControlApi;
  connectionId: string;
  secretBox: SecretBox;
  events: EventBus;
  /** Every event published so far. */
  seen: PalisadeEvent[];
  clock: { now(): Date; advance(ms: number): void };
  service(overrides?: Partial<InProcessScanServiceDeps>): InProcessScanService;
  /** The simulator answers every call this much later (so a test can act while a sync runs). */
  slowDown(latencyMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function scanFixture(database: TestDatabase): Promise<ScanFixture> {
  const sim = await startSimulator({ tenant: tinyTenant(BUILT) });
  const { info } = sim;
  const started = Date.now();
  let offset = 0;
  const clock = {
    now: () => new Date(BUILT.getTime() + (Date.now() - started) + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
  const { allowHosts, baseUrls } = simConnection(info);
  const siteUrls = info.sites.map((s) => s.url);
  const { target } = await connect(
    {
      sites: siteUrls,
      siteCredential: { email: info.credentials.admin.email, apiToken: info.credentials.admin.apiToken },
      org: { id: info.org.id, apiKey: info.credentials.orgApiKey },
    },
    { allowHosts, baseUrls },
  );
  const db = database.db;
  const now = clock.now();
  const secretBox = createSecretBox(randomBytes(32));
  await seedManagedConnection(db, secretBox, {
    target,
    now,
    bundle: {
      method: 'api-token',
      adminEmail: info.credentials.admin.email,
      apiToken: info.credentials.admin.apiToken,
      orgApiKey: info.credentials.orgApiKey,
      orgId: info.org.id,
      siteUrls,
    },
  });
  const events = createEventBus();
  const seen: PalisadeEvent[] = [];
  events.subscribe((event) => seen.push(event));
  const control = controlApi(info.controlUrl);
  const services: InProcessScanService[] = [];
  return {
    sim,
    control,
    connectionId: target.id,
    secretBox,
    events,
    seen,
    clock,
    service(overrides = {}) {
      const service = createInProcessScanService({
        db,
        now: clock.now,
        secretBox,
        allowHosts,
        baseUrls,
        events,
        scanIntervalMs: 6 * HOUR_MS,
        progressThrottleMs: 20,
        ...overrides,
      });
      services.push(service);
      return service;
    },
    slowDown: (latencyMs) => control.faults({ rules: [{ latencyMs }] }),
    async stop() {
      await Promise.all(services.map((s) => s.stop()));
      await sim.stop();
    },
  };
}
