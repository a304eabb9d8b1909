import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { connect } from '../../src/connections/connect.ts';
import { scanRequestFor } from '../../src/connections/managed/scan-request.ts';
import type { TestDatabase } from '../../src/db/testing/test-database.ts';
import type { InProcessScanService } from '../../src/jobs/in-process-scan-service.ts';
import { addPeople, type TestPeople, type TestPerson } from '../../src/people/testing/people-fixtures.ts';
import { runScan, type ScanResult } from '../../src/scan/run-scan.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/test-server.ts';
import { type ControlApi, controlApi } from '../integration/simulated-org.ts';
import { seedManagedConnection } from './managed-connection-fixture.ts';

// The demo organization as a server-managed connection (stored the way the connections API
// stores one: the connection, its profile, its sealed read credential), scanned the way the
// server's scan jobs scan it (scanRequestFor → runScan: sync, ban enforcement with the stored write
// consent, assess), a server on the same database with a person per role, and the simulator's
// control API to change the tenant between scans.

export const BUILT = new Date('2026-11-01T12:00:00Z');
const HOUR = 3_600_000;

/** Demo apps (simulator/scenarios/demo): Connect with ADMIN + ACT_AS_USER from an unlisted vendor, … */
export const RISKY = 'io.fastsync.jira-sync';
export const CONNECT = 'com.harbortools.admin-toolkit';
export const FORGE = 'com.greenleaf.ai-assistant';

export interface SimInstallation {
  appKey: string;
  siteId: string;
  product: string;
}

export interface AppsWorld {
  server: TestServer;
  people: TestPeople;
  connectionId: string;
  control: ControlApi;
  sites: { name: string; cloudId: string; url: string }[];
  admin: { email: string; apiToken: string };
  member: { email: string; apiToken: string };
  /** Scans the tenant as a server scan job does; the people act a minute later. */
  scan(): Promise<ScanResult>;
  /**
   * A scan as the server runs one: requested at POST /api/v1/connections/{id}/scans and run by the
   * server's own scan service; answers the scan record once the service is idle.
   */
  serverScan(): Promise<{ status: string; snapshotVersion: number | null }>;
  /** The write consent, granted through the API by the owner. */
  grantWriteConsent(): Promise<void>;
  installations(): Promise<SimInstallation[]>;
  call(who: TestPerson, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function startAppsWorld(t: TestContext, database: TestDatabase): Promise<AppsWorld> {
  const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, BUILT) });
  t.after(() => sim.stop());
  const { info } = sim;
  const { allowHosts, baseUrls } = simConnection(info);
  const server = await startTestServer(database, { now: BUILT, settings: { allowHosts, baseUrls } });
  t.after(() => server.app.close());
  const db = database.db;
  const people = await addPeople(db, BUILT);
  const siteUrls = info.sites.map((s) => s.url);
  const admin = info.credentials.admin;
  const { target } = await connect(
    {
      sites: siteUrls,
      siteCredential: { email: admin.email, apiToken: admin.apiToken },
      org: { id: info.org.id, apiKey: info.credentials.orgApiKey },
    },
    { allowHosts, baseUrls },
  );
  await seedManagedConnection(db, server.deps.secretBox, {
    target,
    now: BUILT,
    bundle: {
      method: 'api-token',
      adminEmail: admin.email,
      apiToken: admin.apiToken,
      orgApiKey: info.credentials.orgApiKey,
      orgId: info.org.id,
      siteUrls,
    },
  });
  const control = controlApi(info.controlUrl);
  const call = (who: TestPerson, method: string, url: string, payload?: unknown) =>
    server.app.inject({
      method: method as 'GET',
      url,
      headers: {
        authorization: who.bearer,
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  let scans = 0;
  return {
    server,
    people,
    connectionId: target.id,
    control,
    sites: info.sites.map((s) => ({ name: s.name, cloudId: s.cloudId, url: s.url })),
    admin,
    member: info.credentials.member,
    async scan() {
      scans += 1;
      const at = new Date(BUILT.getTime() + scans * HOUR);
      const now = () => at;
      const request = await scanRequestFor(
        { db, secretBox: server.deps.secretBox, allowHosts, baseUrls, now },
        target.id,
      );
      const result = await runScan({ db, now, allowHosts, baseUrls }, request);
      server.clock.now = new Date(at.getTime() + 60_000);
      return result;
    },
    async serverScan() {
      scans += 1;
      server.clock.now = new Date(BUILT.getTime() + scans * HOUR);
      const requested = await call(people.owner, 'POST', `/api/v1/connections/${target.id}/scans`, {});
      assert.equal(requested.statusCode, 202, requested.body);
      const service = server.deps.scans as InProcessScanService;
      service.start();
      await service.idle();
      await service.stop();
      const scan = await call(
        people.owner,
        'GET',
        `/api/v1/connections/${target.id}/scans/${requested.json().scan.id}`,
      );
      server.clock.now = new Date(server.clock.now.getTime() + 60_000);
      return scan.json().scan;
    },
    async grantWriteConsent() {
      const granted = await call(people.owner, 'POST', `/api/v1/connections/${target.id}/write-consent`, {
        adminEmail: admin.email,
        apiToken: admin.apiToken,
      });
      assert.ok(granted.statusCode < 300, granted.body);
    },
    installations: () => control.send<SimInstallation[]>('GET', '/tenant/installations'),
    call,
  };
}
