import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { listJobFailures } from '../../src/jobs/job-failures.ts';
import { snapshotStatuses } from '../integration/inventory-view.ts';
import { findingShape, startFleet, waitUntil } from './fleet.ts';

// Three `palisade worker` processes share twenty simulated organizations whose scheduled scans
// all fall due at once: every scan runs exactly once (one scan, one sync run, one complete
// snapshot per organization), the work spreads over the workers, and every organization ends
// with the same findings (the tenants are copies of one another), none lost or duplicated.

const skip = testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE;

test('three workers run the scheduled scans of twenty organizations exactly once, each snapshot complete with every finding', {
  skip,
  timeout: 150_000,
}, async (t) => {
  const fleet = await startFleet(20);
  t.after(() => fleet.stop());
  const ids = fleet.orgs.map((o) => o.connectionId);
  await fleet.dueNow();
  const started = Date.now();
  await Promise.all([fleet.startWorker(), fleet.startWorker(), fleet.startWorker()]);
  await waitUntil(
    'twenty finished scans',
    async () => {
      const rows = await fleet.scans();
      return rows.length === 20 && rows.every((r) => r.status !== 'queued' && r.status !== 'running');
    },
    120_000,
    fleet.output,
  );
  t.diagnostic(`20 scheduled scans on 3 workers in ${Date.now() - started} ms`);
  // A worker's next schedule pass must not queue any of them again.
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  const rows = await fleet.scans();
  assert.equal(rows.length, 20, 'one scan per organization, none repeated');
  assert.deepEqual([...new Set(rows.map((r) => r.connection_id))].sort(), [...ids].sort());
  for (const row of rows) {
    assert.equal(row.status, 'success', `${row.connection_id}: ${row.reason}`);
    assert.equal(row.trigger, 'scheduled');
    assert.equal(row.snapshot_version, 1);
  }
  const holders = new Set(rows.map((r) => r.holder));
  t.diagnostic(
    `scans per worker: ${[...holders].map((h) => rows.filter((r) => r.holder === h).length).join(', ')}`,
  );
  assert.ok(holders.size >= 2, 'the scans spread over the workers');

  const runs = await fleet.db.selectFrom('sync_runs').select(['connection_id', 'status']).execute();
  assert.equal(runs.length, 20, 'one sync run per organization');
  assert.ok(runs.every((r) => r.status === 'success'));
  const reference = await findingShape(fleet.db, ids[0] ?? '', 1);
  assert.ok(reference.length > 0, 'the tiny tenant has findings');
  for (const id of ids) {
    assert.deepEqual(await snapshotStatuses(fleet.db, id), ['1:complete']);
    assert.deepEqual(await findingShape(fleet.db, id, 1), reference, `findings of ${id}`);
  }
  // Each organization was read once: the same number of calls to each (identical tenants).
  const calls = await Promise.all(fleet.orgs.map(async (o) => (await o.control.counters()).totalCalls));
  assert.equal(new Set(calls).size, 1, `calls per organization: ${calls.join(', ')}`);
  assert.deepEqual(await listJobFailures(fleet.db, 10), []);
});
