import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markDeleting } from '../../src/connections/managed/delete-connection.ts';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { listJobFailures } from '../../src/jobs/job-failures.ts';
import { allFinished, fleetFixture, scansOf, waitFor } from './pg-boss-fixture.ts';

// More of the job queue on PostgreSQL: the purge of a deleted connection as a job, a process that
// queues without running (serve --no-worker), and a cancel across processes.

const skip = testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE;
const OPTIONS = { skip, timeout: 60_000 };

test(
  'a deleted connection is purged by a job, which first stops its running scan at the next page',
  OPTIONS,
  async (t) => {
    const f = await fleetFixture(1);
    t.after(() => f.stop());
    const org = f.orgs[0];
    assert.ok(org);
    const db = f.database.db;
    const a = f.worker({ purgeRetry: { limit: 10, delaySeconds: 1, backoff: false } });
    const b = f.worker({ purgeRetry: { limit: 10, delaySeconds: 1, backoff: false } });
    a.start();
    b.start();
    await Promise.all([a.ready(), b.ready()]);
    await a.request({ connectionId: org.connectionId, trigger: 'manual', by: null });
    await waitFor('the first scan to finish', () => allFinished(f));
    await org.control.faults({ rules: [{ latencyMs: 60 }] });
    await a.request({ connectionId: org.connectionId, trigger: 'manual', by: null });
    await waitFor('the second scan to be syncing', async () => (await scansOf(f))[1]?.sync_run_id != null);

    await markDeleting(db, org.connectionId, f.clock.now());
    assert.ok(a.purgeConnection);
    await a.purgeConnection({ connectionId: org.connectionId, by: null });
    await waitFor('the purge', async () => {
      const profile = await db
        .selectFrom('connection_profiles')
        .select('state')
        .where('connection_id', '=', org.connectionId)
        .executeTakeFirst();
      return profile === undefined;
    });
    for (const table of ['scans', 'sync_runs', 'snapshots', 'inventory_items', 'scan_leases'] as const) {
      const left = await db
        .selectFrom(table)
        .select('connection_id')
        .where('connection_id', '=', org.connectionId)
        .execute();
      assert.equal(left.length, 0, `${table} purged`);
    }
    assert.ok(f.seen.some((e) => e.type === 'connection.deleted' && e.connectionId === org.connectionId));
    assert.deepEqual(await listJobFailures(db, 10), []);
  },
);

test(
  'a process that runs no jobs (serve --no-worker) queues scans that a worker runs',
  OPTIONS,
  async (t) => {
    const f = await fleetFixture(1);
    t.after(() => f.stop());
    const org = f.orgs[0];
    assert.ok(org);
    const api = f.worker({ runJobs: false });
    api.start();
    const scan = await api.request({ connectionId: org.connectionId, trigger: 'manual', by: null });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal((await scansOf(f))[0]?.status, 'queued', 'nobody runs it yet');

    const worker = f.worker();
    worker.start();
    await waitFor('the worker to run it', () => allFinished(f));
    const [row] = await scansOf(f);
    assert.equal(row?.id, scan.id);
    assert.equal(row?.status, 'success', row?.reason ?? '');
    assert.equal(row?.holder, worker.holder);
  },
);

test(
  'a scan running on a worker is cancelled from another process: it stops at its next page',
  OPTIONS,
  async (t) => {
    const f = await fleetFixture(1);
    t.after(() => f.stop());
    const org = f.orgs[0];
    assert.ok(org);
    await org.control.faults({ rules: [{ latencyMs: 60 }] });
    const api = f.worker({ runJobs: false });
    const worker = f.worker();
    worker.start();
    await worker.ready();
    const scan = await api.request({ connectionId: org.connectionId, trigger: 'manual', by: null });
    await waitFor('the scan to be syncing', async () => (await scansOf(f))[0]?.sync_run_id != null);

    const started = Date.now();
    const cancelled = await api.cancel({ connectionId: org.connectionId, scanId: scan.id, by: null });
    assert.equal(cancelled.status, 'cancelled');
    assert.match(cancelled.reason ?? '', /^cancelled by /);
    assert.ok(Date.now() - started < 10_000, 'stopped at its next page, not at the end of the scan');
    const [row] = await scansOf(f);
    assert.equal(row?.holder, worker.holder);
    assert.equal(row?.snapshot_version, null, 'no snapshot published');
  },
);
