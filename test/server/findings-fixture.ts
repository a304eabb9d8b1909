import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { startSimulator } from '../../simulator/start.ts';
import { buildTenant } from '../../simulator/tenant/build.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import type { TestDatabase } from '../../src/db/testing/test-database.ts';
import { addPeople, type TestPeople, type TestPerson } from '../../src/people/testing/people-fixtures.ts';
import { assess } from '../../src/scan/assess.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/test-server.ts';
import { syncConnection } from '../../src/sync/sync-connection.ts';
import { type ControlApi, controlApi } from '../integration/simulated-org.ts';

// The demo organization scanned into a test database (sync and assess, as the scan service runs
// them), a server on the same database, a person per role, and the simulator's control API to fix
// and break the tenant between scans.

export const BUILT = new Date('2026-11-01T12:00:00Z');
const HOUR = 3_600_000;

export interface FindingsWorld {
  server: TestServer;
  people: TestPeople;
  connectionId: string;
  control: ControlApi;
  adminEmail: string;
  /** Syncs and evaluates the simulator's tenant as it is now; answers the snapshot version. */
  scan(): Promise<number>;
  call(who: TestPerson, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function startFindingsWorld(t: TestContext, database: TestDatabase): Promise<FindingsWorld> {
  const sim = await startSimulator({ tenant: buildTenant({ scenario: 'demo' }, BUILT) });
  t.after(() => sim.stop());
  const { connection, allowHosts, baseUrls } = simConnection(sim.info);
  const server = await startTestServer(database, { now: BUILT });
  t.after(() => server.app.close());
  const people = await addPeople(database.db, BUILT);
  let scans = 0;
  const scan = async () => {
    scans += 1;
    const at = new Date(BUILT.getTime() + scans * HOUR);
    const synced = await syncConnection({
      db: database.db,
      connection,
      allowHosts,
      baseUrls,
      now: () => at,
      collectorOptions: { apiTokens: 'all' },
    });
    assert.equal(synced.status, 'success');
    const { evaluation } = await assess(database.db, connection.id, { now: at });
    // The people act a minute after the scan, before the next one.
    server.clock.now = new Date(at.getTime() + 60_000);
    return evaluation.snapshotVersion;
  };
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
  return {
    server,
    people,
    connectionId: connection.id,
    control: controlApi(sim.info.controlUrl),
    adminEmail: sim.info.credentials.admin.email,
    scan,
    call,
  };
}
