import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { addPerson } from '../../src/people/testing/people-fixtures.ts';
import { snapshotStatuses } from '../integration/inventory-view.ts';
import { openEventStream, startFleet, waitUntil } from './fleet.ts';

// PostgreSQL restarts while three scans run on two workers and a `serve --no-worker` answers the
// API. The shared test cluster cannot be restarted, so every process reaches it through a TCP
// proxy that drops all connections and refuses new ones for a few seconds — what the clients of a
// restarting server see. Requests during the outage answer 503 with a clear error at once, never
// hang; no process crashes; once the database is back every scan finishes with a complete snapshot.

const skip = testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE;
const OUTAGE_MS = 5_000;

test('a database restart mid-scan: requests answer 503 meanwhile, and the workers and the server reconnect and finish every scan', {
  skip,
  timeout: 150_000,
}, async (t) => {
  const fleet = await startFleet(3);
  t.after(() => fleet.stop());
  const owner = await addPerson(fleet.db, new Date(), 'owner');
  for (const org of fleet.orgs) await org.control.faults({ rules: [{ latencyMs: 120 }] });
  await fleet.dueNow();
  const server = await fleet.startServer();
  // A browser on the API-only server: the workers' progress reaches it through the database.
  const stream = await openEventStream(server.url, owner.bearer);
  t.after(() => stream.close());
  const workers = await Promise.all([fleet.startWorker(), fleet.startWorker()]);
  const get = (path: string) =>
    fetch(`${server.url}${path}`, {
      headers: { authorization: owner.bearer },
      signal: AbortSignal.timeout(15_000),
    });
  assert.equal((await get('/api/v1/connections')).status, 200);
  await waitUntil(
    'the scans to be under way',
    async () => {
      const rows = await fleet.scans();
      const done = await fleet.db.selectFrom('dataset_outcomes').select('status').execute();
      return rows.filter((r) => r.status === 'running').length >= 2 && done.length >= 6;
    },
    30_000,
    fleet.output,
  );

  await fleet.proxy.cut();
  const cutAt = Date.now();
  await sleep(500);
  const during = await get('/api/v1/connections').catch((error: unknown) => {
    throw new Error(`no answer during the outage: ${String(error)}\n${fleet.output()}`);
  });
  const answeredMs = Date.now() - cutAt - 500;
  const body = (await during.json()) as { error?: { code?: string; message?: string; requestId?: string } };
  assert.equal(during.status, 503, JSON.stringify(body));
  assert.equal(body.error?.code, 'database_unavailable');
  assert.match(body.error?.message ?? '', /database/);
  assert.ok(body.error?.requestId);
  const health = await get('/api/v1/health');
  assert.equal(health.status, 503, await health.text());
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - cutAt)));
  await fleet.proxy.restore();
  const restoredAt = Date.now();

  await waitUntil(
    'every scan to finish after the restart',
    async () => {
      const rows = await fleet.scans();
      return rows.length === 3 && rows.every((r) => r.status === 'success');
    },
    90_000,
    async () => `${JSON.stringify(await fleet.scans().catch(() => []))}\n${fleet.output()}`,
  );
  t.diagnostic(
    `503 answered ${answeredMs} ms into a ${OUTAGE_MS} ms outage; every scan finished ${Date.now() - restoredAt} ms after it`,
  );
  for (const run of [server.run, ...workers]) {
    assert.equal(run.child.exitCode, null, `no process exited:\n${fleet.output()}`);
  }
  assert.equal((await get('/api/v1/connections')).status, 200, 'the server answers again');
  // Events crossed from the workers before the outage and, the listener reconnected, after it.
  const seen = (type: string) => stream.events.filter((e) => e.type === type);
  assert.ok(seen('scan.progress').length > 0, "the workers' progress reached the server's browser");
  await waitUntil('every scan.finished event', () => seen('scan.finished').length >= 3, 10_000);
  assert.deepEqual(
    new Set(seen('scan.finished').map((e) => e.data.connectionId)),
    new Set(fleet.orgs.map((o) => o.connectionId)),
  );
  for (const org of fleet.orgs) {
    assert.deepEqual(await snapshotStatuses(fleet.db, org.connectionId), ['1:complete']);
  }
});
