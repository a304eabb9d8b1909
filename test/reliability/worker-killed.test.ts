import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import {
  inventoryDifferences,
  readInventory,
  snapshotStatuses,
  withoutVolatile,
} from '../integration/inventory-view.ts';
import type { SeededOrg } from '../jobs/pg-boss-fixture.ts';
import { type Fleet, findingShape, startFleet, waitUntil } from './fleet.ts';

// A worker that dies in the middle of a scan (SIGKILL: no checkpoint of its own, no release) or
// that is told to stop (SIGTERM: it checkpoints, releases the lease and exits): another worker
// takes the scan over — after the lease expired for the killed one, at once for the stopped one —
// resumes the same sync run from its checkpoints, and publishes one complete snapshot whose
// content is that of an undisturbed scan of the same organization.

const skip = testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE;

/** Every call slowed, so that a scan of the tiny tenant lasts several seconds. */
const SLOW = { rules: [{ latencyMs: 120 }] };

const FINAL = new Set(['ok', 'partial', 'forbidden', 'failed']);

async function datasetsDone(db: Kysely<Database>): Promise<number> {
  const rows = await db.selectFrom('dataset_outcomes').select('status').execute();
  return rows.filter((r) => FINAL.has(r.status)).length;
}

/**
 * Starts process A (a worker, or a server running jobs) on the due scan, then worker B (which
 * cannot take a scan A runs), and waits until A's scan is half done: a few datasets finished, most
 * still to read (the tiny tenant has 59).
 */
async function scanHalfDone(fleet: Fleet, org: SeededOrg, kind: 'worker' | 'serve' = 'worker') {
  await org.control.faults(SLOW);
  await fleet.dueNow();
  const a = kind === 'worker' ? await fleet.startWorker() : (await fleet.startServer({ jobs: true })).run;
  await waitUntil(
    'the scan to run on A',
    async () => (await fleet.scans())[0]?.status === 'running',
    30_000,
    fleet.output,
  );
  await fleet.startWorker();
  await waitUntil(
    'the scan to be half done on A',
    async () => (await fleet.scans())[0]?.status === 'running' && (await datasetsDone(fleet.db)) >= 8,
    30_000,
    fleet.output,
  );
  const [row] = await fleet.scans();
  const [run] = await fleet.db.selectFrom('sync_runs').select(['id', 'status']).execute();
  assert.ok(row?.holder, 'the scan runs under worker A');
  assert.equal(run?.status, 'in_progress');
  return { a, holder: row.holder, syncRunId: run.id, scanId: row.id };
}

/** After the disturbed scan: one more, undisturbed, whose content the first must equal. */
async function assertSameAsUndisturbed(fleet: Fleet, org: SeededOrg): Promise<void> {
  await org.control.faults({ rules: [] });
  await fleet.api.request({ connectionId: org.connectionId, trigger: 'manual', by: null });
  await waitUntil(
    'the undisturbed scan',
    async () => (await fleet.scans())[1]?.status === 'success',
    30_000,
    fleet.output,
  );
  assert.deepEqual(await snapshotStatuses(fleet.db, org.connectionId), ['1:complete', '2:complete']);
  const ownTokens = [org.sim.context.state.tenant.credentials.adminTokenId];
  const disturbed = withoutVolatile(await readInventory(fleet.db, org.connectionId, 1), ownTokens);
  const clean = withoutVolatile(await readInventory(fleet.db, org.connectionId, 2), ownTokens);
  assert.deepEqual(inventoryDifferences(disturbed, clean), []);
  assert.deepEqual(
    await findingShape(fleet.db, org.connectionId, 1),
    await findingShape(fleet.db, org.connectionId, 2),
  );
}

type HalfDone = Awaited<ReturnType<typeof scanHalfDone>>;

async function oneOrganization(t: TestContext): Promise<{ fleet: Fleet; org: SeededOrg }> {
  const fleet = await startFleet(1);
  t.after(() => fleet.stop());
  const org = fleet.orgs[0];
  assert.ok(org);
  return { fleet, org };
}

/** The scan process A left ends in success under another process, in the same sync run, as if undisturbed. */
async function assertContinued(
  fleet: Fleet,
  org: SeededOrg,
  first: HalfDone,
  waitMs: number,
): Promise<number> {
  await waitUntil(
    'another worker to finish the scan',
    async () => (await fleet.scans())[0]?.status === 'success',
    waitMs,
    fleet.output,
  );
  const finishedAt = Date.now();
  const rows = await fleet.scans();
  assert.equal(rows.length, 1, 'the same scan, continued');
  const [row] = rows;
  assert.equal(row?.id, first.scanId);
  assert.notEqual(row?.holder, first.holder, 'finished by another worker');
  assert.equal(row?.sync_run_id, first.syncRunId, 'the same sync run, resumed');
  const runs = await fleet.db.selectFrom('sync_runs').select(['id', 'status']).execute();
  assert.deepEqual(runs, [{ id: first.syncRunId, status: 'success' }]);
  assert.deepEqual(await snapshotStatuses(fleet.db, org.connectionId), ['1:complete']);
  await assertSameAsUndisturbed(fleet, org);
  return finishedAt;
}

test('a worker killed mid-scan: another takes the lease once it expired, resumes from the checkpoint and publishes one complete snapshot', {
  skip,
  timeout: 120_000,
}, async (t) => {
  const { fleet, org } = await oneOrganization(t);
  const first = await scanHalfDone(fleet, org);
  const done = await datasetsDone(fleet.db);
  first.a.child.kill('SIGKILL');
  const killedAt = Date.now();
  // The rest of the scan at full speed: the test measures the takeover, not the latency.
  await org.control.faults({ rules: [] });
  const finishedAt = await assertContinued(fleet, org, first, 60_000);
  t.diagnostic(
    `killed with ${done} of 59 datasets done; taken over and finished ${finishedAt - killedAt} ms later`,
  );
});

for (const kind of ['worker', 'serve'] as const) {
  test(`palisade ${kind} stopped with SIGTERM mid-scan checkpoints it, releases the lease and exits within 30 s; a worker continues it`, {
    skip,
    timeout: 120_000,
  }, async (t) => {
    const { fleet, org } = await oneOrganization(t);
    const first = await scanHalfDone(fleet, org, kind);
    const stoppedAt = Date.now();
    const stopping = first.a.stop();
    await org.control.faults({ rules: [] });
    const code = await stopping;
    const exitMs = Date.now() - stoppedAt;
    assert.equal(code, 0, fleet.output());
    assert.ok(exitMs < 30_000, `exited within 30 s (${exitMs} ms)`);
    const leases = await fleet.db.selectFrom('scan_leases').select('holder').execute();
    assert.ok(
      leases.every((l) => l.holder !== first.holder),
      'the stopped process released its lease',
    );
    const finishedAt = await assertContinued(fleet, org, first, 30_000);
    t.diagnostic(
      `${kind} exited ${exitMs} ms after SIGTERM; another worker finished the scan ${finishedAt - stoppedAt} ms after it`,
    );
  });
}
