import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { listJobFailures } from '../../src/jobs/job-failures.ts';
import { ScanRequestError } from '../../src/jobs/scan-request-error.ts';
import { acquireScanLease } from '../../src/scan/scan-lease.ts';
import { allFinished, fleetFixture, HOUR_MS, scansOf, twoWorkers, waitFor } from './pg-boss-fixture.ts';

// Scans on PostgreSQL through pg-boss with two workers on one database and simulated customers:
// every requested scan runs exactly once and never two at once for one connection, a second request
// is refused while one is queued, the schedule queues each due scan once however many workers tick,
// a scan that can never start ends in the dead-letter list with its last error, and a worker that
// stops hands its running scan to the other, which resumes the same sync run.

const skip = testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE;
const OPTIONS = { skip, timeout: 60_000 };

test(
  'requests for three connections spread over two workers: each scan runs exactly once, never two at once for a connection, and a second request while one is queued is refused',
  OPTIONS,
  async (t) => {
    const f = await fleetFixture(3);
    t.after(() => f.stop());
    const [a, b] = await twoWorkers(f);

    for (let round = 0; round < 2; round++) {
      for (const [i, org] of f.orgs.entries()) {
        const asked = i % 2 === 0 ? a : b;
        const other = i % 2 === 0 ? b : a;
        const scan = await asked.request({ connectionId: org.connectionId, trigger: 'manual', by: null });
        const refused = await other
          .request({ connectionId: org.connectionId, trigger: 'manual', by: null })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        assert.ok(refused instanceof ScanRequestError, String(refused));
        assert.equal(refused.code, 'scan_in_progress');
        assert.equal(refused.scanId, scan.id);
      }
      await waitFor('every scan to finish', () => allFinished(f));
    }

    const rows = await scansOf(f);
    assert.equal(rows.length, 6);
    for (const row of rows) assert.equal(row.status, 'success', row.reason ?? '');
    for (const org of f.orgs) {
      const mine = rows.filter((row) => row.connection_id === org.connectionId);
      assert.equal(mine.length, 2);
      const [first, second] = mine;
      assert.ok(first?.finished_at && second?.started_at);
      assert.ok(first.finished_at <= second.started_at, 'the second scan started after the first ended');
      // Exactly once: one sync run and one published snapshot per scan.
      const runs = await f.database.db
        .selectFrom('sync_runs')
        .select('id')
        .where('connection_id', '=', org.connectionId)
        .execute();
      assert.equal(runs.length, 2);
      assert.deepEqual(
        mine.map((row) => row.snapshot_version),
        [1, 2],
      );
    }
    for (const row of rows) {
      const finished = f.seen.filter((e) => e.type === 'scan.finished' && e.scanId === row.id);
      assert.equal(finished.length, 1, `scan ${row.id} finished once`);
    }
  },
);

test('the schedule queues each due connection once however many workers look at it', OPTIONS, async (t) => {
  const f = await fleetFixture(2);
  t.after(() => f.stop());
  const [a, b] = await twoWorkers(f);
  await Promise.all([a.tick(), b.tick()]);
  assert.equal((await scansOf(f)).length, 0, 'nothing is due before the interval');

  f.clock.advance(6 * HOUR_MS + 60_000);
  await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
  await waitFor('the scheduled scans to finish', () => allFinished(f));
  const rows = await scansOf(f);
  assert.equal(rows.length, 2);
  for (const row of rows) {
    assert.equal(row.trigger, 'scheduled');
    assert.equal(row.status, 'success', row.reason ?? '');
  }
  // The next one is an interval after this one finished: not due again now.
  await Promise.all([a.tick(), b.tick()]);
  assert.equal((await scansOf(f)).length, 2);
});

test(
  'a scan job that can never start (another process holds the lease) is retried, then listed as a dead letter with its last error',
  OPTIONS,
  async (t) => {
    const f = await fleetFixture(1);
    t.after(() => f.stop());
    const org = f.orgs[0];
    assert.ok(org);
    await acquireScanLease(f.database.db, {
      connectionId: org.connectionId,
      holder: 'a-cli-scan-elsewhere',
      now: f.clock.now(),
      ttlMs: HOUR_MS,
    });
    const worker = f.worker({ scanRetry: { limit: 1, delaySeconds: 1, backoff: false } });
    worker.start();
    await worker.ready();
    const scan = await worker.request({ connectionId: org.connectionId, trigger: 'manual', by: null });

    await waitFor('the job to give up', async () => (await listJobFailures(f.database.db, 10)).length > 0);
    const [failure] = await listJobFailures(f.database.db, 10);
    assert.equal(failure?.kind, 'scan');
    assert.equal(failure?.connectionId, org.connectionId);
    assert.equal(failure?.scanId, scan.id);
    assert.equal(failure?.attempts, 2);
    assert.match(failure?.lastError ?? '', /being scanned by another process/);
    const [row] = await scansOf(f);
    assert.equal(row?.status, 'error');
    assert.match(row?.reason ?? '', /gave up after 2 attempts: .*being scanned by another process/);
    // The connection is free for the next request once the lease is.
    await f.database.db.deleteFrom('scan_leases').execute();
    const next = await worker.request({ connectionId: org.connectionId, trigger: 'manual', by: null });
    await waitFor('the next scan to finish', () => allFinished(f));
    const done = (await scansOf(f)).find((r) => r.id === next.id);
    assert.equal(done?.status, 'success', done?.reason ?? '');
  },
);

test(
  'a worker that stops checkpoints its running scan, which the other worker resumes in the same sync run',
  OPTIONS,
  async (t) => {
    const f = await fleetFixture(1);
    t.after(() => f.stop());
    const org = f.orgs[0];
    assert.ok(org);
    await org.control.faults({ rules: [{ latencyMs: 60 }] });
    const [a, b] = await twoWorkers(f);
    const scan = await a.request({ connectionId: org.connectionId, trigger: 'manual', by: null });
    let runId: string | null = null;
    let holder: string | null = null;
    await waitFor('the scan to be syncing', async () => {
      const [row] = await scansOf(f);
      runId = row?.sync_run_id ?? null;
      holder = row?.holder ?? null;
      return row?.status === 'running' && runId !== null;
    });
    const [runner, other] = holder === a.holder ? [a, b] : [b, a];
    const stopping = Date.now();
    await runner.stop();
    assert.ok(Date.now() - stopping < 30_000, 'stopped within 30 s');
    const [requeued] = await scansOf(f);
    assert.ok(requeued?.status === 'queued' || requeued?.holder === other.holder, 'handed over');

    await org.control.faults({ rules: [] });
    await waitFor('the other worker to finish it', () => allFinished(f));
    const [row] = await scansOf(f);
    assert.equal(row?.id, scan.id);
    assert.equal(row?.status, 'success', row?.reason ?? '');
    assert.equal(row?.holder, other.holder);
    assert.equal(row?.sync_run_id, runId, 'the same sync run resumed');
  },
);
