import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { forEachDatabase } from '../../src/db/testing/test-database.ts';
import { listRuns } from '../../src/inventory/sync-runs.ts';
import { getScanEntry, listScanHistory } from '../../src/jobs/scan-history.ts';
import { ScanRequestError } from '../../src/jobs/scan-request-error.ts';
import { acquireScanLease, getScanLease, releaseScanLease } from '../../src/scan/scan-lease.ts';
import { HOUR_MS, scanFixture } from './scans-fixture.ts';

// The in-process scan service against the simulated tiny tenant, on both databases: a requested
// scan runs to a success row with its calls and snapshot, a second request is refused naming the
// first, a cancelled scan's sync is resumed by the next, the schedule fires after its interval and
// not before, a revoked credential ends in an error naming it, and a dead process's scan resumes.

const TIMEOUT = { timeout: 120_000 };

async function waitFor(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  ms = 30_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function addUser(db: Kysely<Database>, id: string, name: string): Promise<void> {
  const at = new Date('2026-11-01T00:00:00Z').toISOString();
  await db
    .insertInto('users')
    .values({
      id,
      email: `${id}@example.com`,
      name,
      role: 'analyst',
      rights: '[]',
      password_hash: null,
      created_at: at,
      created_by: null,
      updated_at: at,
      disabled_at: null,
    })
    .execute();
}

forEachDatabase(
  'a requested scan runs to success with its API calls, snapshot and progress, and a second request meanwhile is refused naming it',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    await addUser(database.db, 'u-ada', 'Ada Admin');
    await f.slowDown(5);
    const service = f.service();
    service.start();

    const scan = await service.request({ connectionId: f.connectionId, trigger: 'manual', by: 'u-ada' });
    assert.equal(scan.status, 'queued');
    const refused = await service
      .request({ connectionId: f.connectionId, trigger: 'manual', by: 'u-ada' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof ScanRequestError, String(refused));
    assert.equal(refused.code, 'scan_in_progress');
    assert.equal(refused.scanId, scan.id);
    assert.match(refused.message, new RegExp(scan.id));

    await service.idle();
    const entry = await getScanEntry(database.db, f.connectionId, scan.id);
    assert.equal(entry.status, 'success', entry.reason ?? '');
    assert.equal(entry.reason, null);
    assert.equal(entry.snapshotVersion, 1);
    assert.ok(entry.calls > 0);
    assert.ok(entry.startedAt && entry.finishedAt);
    assert.ok((entry.durationSeconds ?? -1) >= 0);
    assert.deepEqual(entry.requestedBy, { id: 'u-ada', name: 'Ada Admin' });
    // The health history: every dataset of the sync run, each with its outcome.
    assert.ok(entry.datasets.length > 0);
    assert.ok(entry.datasets.every((d) => ['ok', 'partial', 'forbidden', 'failed'].includes(d.status)));
    const [run] = await listRuns(database.db, f.connectionId);
    assert.equal(entry.syncRunId, run?.id);

    const progress = f.seen.filter((e) => e.type === 'scan.progress' && e.scanId === scan.id);
    assert.ok(progress.some((e) => (e.data.progress as { phase: string }).phase === 'syncing'));
    const finished = f.seen.filter((e) => e.type === 'scan.finished' && e.scanId === scan.id);
    assert.equal(finished.length, 1);
    assert.equal(finished[0]?.data.status, 'success');
    assert.ok(f.seen.some((e) => e.type === 'connection.status' && e.data.scanStatus === 'running'));

    // Once it has finished, the connection may be scanned again; the history lists both, newest first.
    const again = await service.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
    await service.idle();
    const history = await listScanHistory(database.db, f.connectionId, { limit: 1 });
    assert.equal(history.total, 2);
    assert.equal(history.items[0]?.id, again.id);
    assert.equal(history.items[0]?.snapshotVersion, 2);
    assert.ok(history.nextCursor);
    const older = await listScanHistory(database.db, f.connectionId, {
      limit: 1,
      cursor: history.nextCursor,
    });
    assert.equal(older.items[0]?.id, scan.id);
    assert.equal(older.nextCursor, null);
  },
  TIMEOUT,
);

forEachDatabase(
  'an unknown or deleting connection cannot be scanned, and a finished scan cannot be cancelled',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    const service = f.service();
    service.start();
    await assert.rejects(service.request({ connectionId: 'nope', trigger: 'manual', by: null }), {
      code: 'connection_not_found',
    });
    const scan = await service.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
    await service.idle();
    await assert.rejects(service.cancel({ connectionId: f.connectionId, scanId: scan.id, by: null }), {
      code: 'scan_finished',
      message: new RegExp(`scan ${scan.id} has already finished \\(success\\)`),
    });
    await assert.rejects(service.cancel({ connectionId: f.connectionId, scanId: 'other', by: null }), {
      code: 'scan_not_found',
    });
    await database.db
      .updateTable('connection_profiles')
      .set({ state: 'deleting' })
      .where('connection_id', '=', f.connectionId)
      .execute();
    await assert.rejects(service.request({ connectionId: f.connectionId, trigger: 'manual', by: null }), {
      code: 'connection_not_found',
    });

    // A scan queued before the deletion began is not run: the connection's data is being purged.
    await service.stop();
    await database.db
      .updateTable('connection_profiles')
      .set({ state: 'active' })
      .where('connection_id', '=', f.connectionId)
      .execute();
    const queued = await service.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
    await database.db
      .updateTable('connection_profiles')
      .set({ state: 'deleting' })
      .where('connection_id', '=', f.connectionId)
      .execute();
    const successor = f.service();
    successor.start();
    await successor.idle();
    const dropped = await getScanEntry(database.db, f.connectionId, queued.id);
    assert.equal(dropped.status, 'cancelled');
    assert.equal(dropped.reason, 'cancelled: the connection is being deleted');
    assert.equal(dropped.calls, 0);
  },
  TIMEOUT,
);

forEachDatabase(
  'a cancelled running scan ends cancelled by its canceller, and the next scan resumes its sync run to success',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    await addUser(database.db, 'u-bo', 'Bo Analyst');
    await f.slowDown(40);
    const service = f.service();
    service.start();
    const scan = await service.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
    await waitFor('the sync to read a page', () =>
      f.seen.some(
        (e) => e.type === 'scan.progress' && e.scanId === scan.id && (e.data.itemsRead as number) > 0,
      ),
    );
    const cancelled = await service.cancel({ connectionId: f.connectionId, scanId: scan.id, by: 'u-bo' });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.reason, 'cancelled by Bo Analyst');
    assert.ok(cancelled.finishedAt);
    assert.ok(cancelled.syncRunId);
    // The lease is released and the run left in progress, its checkpoints kept.
    assert.equal(await getScanLease(database.db, f.connectionId), undefined);
    assert.equal((await listRuns(database.db, f.connectionId))[0]?.status, 'in_progress');

    await f.control.faults({});
    const next = await service.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
    await service.idle();
    const done = await getScanEntry(database.db, f.connectionId, next.id);
    assert.equal(done.status, 'success', done.reason ?? '');
    assert.equal(done.syncRunId, cancelled.syncRunId);
    assert.equal(done.snapshotVersion, 1);
  },
  TIMEOUT,
);

forEachDatabase(
  'the schedule queues a scan one interval after the last one finished, not before',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    const service = f.service({ scanIntervalMs: HOUR_MS, tickMs: 3_600_000 });
    service.start();
    await service.idle();
    const manual = await service.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
    await service.idle();
    const finished = await getScanEntry(database.db, f.connectionId, manual.id);
    const profile = await database.db
      .selectFrom('connection_profiles')
      .select('next_scan_at')
      .where('connection_id', '=', f.connectionId)
      .executeTakeFirstOrThrow();
    assert.equal(
      profile.next_scan_at,
      new Date(Date.parse(finished.finishedAt ?? '') + HOUR_MS).toISOString(),
    );

    f.clock.advance(HOUR_MS - 60_000);
    await service.tick();
    await service.idle();
    assert.equal((await listScanHistory(database.db, f.connectionId, { limit: 10 })).total, 1);

    f.clock.advance(2 * 60_000);
    await service.tick();
    await service.idle();
    const history = await listScanHistory(database.db, f.connectionId, { limit: 10 });
    assert.equal(history.total, 2);
    assert.equal(history.items[0]?.trigger, 'scheduled');
    assert.equal(history.items[0]?.requestedBy, null);
    assert.equal(history.items[0]?.status, 'success', history.items[0]?.reason ?? '');

    // A connection's own interval overrides the platform's.
    await database.db
      .updateTable('connection_profiles')
      .set({ scan_interval_seconds: 600, next_scan_at: null })
      .where('connection_id', '=', f.connectionId)
      .execute();
    await service.tick();
    f.clock.advance(601_000);
    await service.tick();
    await service.idle();
    assert.equal((await listScanHistory(database.db, f.connectionId, { limit: 10 })).total, 3);
  },
  TIMEOUT,
);

forEachDatabase(
  'a scan whose credential Atlassian revoked ends in error with a reason naming the credential',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    const service = f.service();
    service.start();
    await f.control.faults({
      rules: [{ endpoints: ['jira.*', 'confluence.*', 'upm.*'], revokeAfterCalls: 12 }],
    });
    const scan = await service.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
    await service.idle();
    const entry = await getScanEntry(database.db, f.connectionId, scan.id);
    assert.equal(entry.status, 'error');
    assert.match(
      entry.reason ?? '',
      /the site credential \(e-mail and API token\) was refused .*401: revoked or expired/,
    );
    assert.doesNotMatch(entry.reason ?? '', /\n/);
    assert.doesNotMatch(entry.reason ?? '', /ATATT/);
    const finished = f.seen.find((e) => e.type === 'scan.finished' && e.scanId === scan.id);
    assert.equal(finished?.data.status, 'error');
    assert.equal(finished?.data.reason, entry.reason);
  },
  TIMEOUT,
);

forEachDatabase(
  'a scan left running by a process that died is queued again once its lease expired, and resumes its sync to success',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    await f.slowDown(40);
    const first = f.service();
    first.start();
    const scan = await first.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
    await waitFor('the sync to read a page', () =>
      f.seen.some(
        (e) => e.type === 'scan.progress' && e.scanId === scan.id && (e.data.itemsRead as number) > 0,
      ),
    );
    // A graceful stop checkpoints, releases the lease and queues the scan again.
    await first.stop();
    const stopped = await getScanEntry(database.db, f.connectionId, scan.id);
    assert.equal(stopped.status, 'queued');
    assert.equal(await getScanLease(database.db, f.connectionId), undefined);
    const runId = stopped.syncRunId;
    assert.ok(runId);

    // What a SIGKILL leaves instead: the row running under the dead holder, its lease not yet expired.
    const now = f.clock.now();
    await database.db
      .updateTable('scans')
      .set({ status: 'running', holder: 'dead-host:1:abcd', started_at: now.toISOString() })
      .where('id', '=', scan.id)
      .execute();
    await database.db
      .insertInto('scan_leases')
      .values({
        connection_id: f.connectionId,
        holder: 'dead-host:1:abcd',
        acquired_at: now.toISOString(),
        expires_at: new Date(now.getTime() + 60_000).toISOString(),
      })
      .execute();
    await f.control.faults({});
    const successor = f.service({ tickMs: 3_600_000 });
    successor.start();
    await successor.idle();
    assert.equal((await getScanEntry(database.db, f.connectionId, scan.id)).status, 'running');

    f.clock.advance(61_000);
    await successor.tick();
    await successor.idle();
    const done = await getScanEntry(database.db, f.connectionId, scan.id);
    assert.equal(done.status, 'success', done.reason ?? '');
    assert.equal(done.syncRunId, runId);
    assert.equal(done.snapshotVersion, 1);
  },
  TIMEOUT,
);

forEachDatabase(
  'a scan whose connection another process is scanning waits in the queue and runs once that lease is released',
  async (t, database) => {
    const f = await scanFixture(database);
    t.after(() => f.stop());
    const service = f.service({ tickMs: 3_600_000 });
    service.start();
    await service.idle();
    // A `palisade scan` of the same connection on the same database holds the lease.
    const other = await acquireScanLease(database.db, {
      connectionId: f.connectionId,
      holder: 'cli-host:42:beef',
      now: f.clock.now(),
      ttlMs: 60_000,
    });
    assert.ok(other.acquired);
    const scan = await service.request({ connectionId: f.connectionId, trigger: 'manual', by: null });
    await service.idle();
    const waiting = await getScanEntry(database.db, f.connectionId, scan.id);
    assert.equal(waiting.status, 'queued');
    assert.equal(waiting.reason, null);

    await releaseScanLease(database.db, { connectionId: f.connectionId, holder: 'cli-host:42:beef' });
    await service.tick();
    await service.idle();
    assert.equal((await getScanEntry(database.db, f.connectionId, scan.id)).status, 'success');
  },
  TIMEOUT,
);
