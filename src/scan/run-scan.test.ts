import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Kysely } from 'kysely';
import { type RunningSimulator, startSimulator } from '../../simulator/start.ts';
import { simConnection } from '../../simulator/testing/sim-connection.ts';
import { tinyTenant } from '../../simulator/testing/tiny-tenant.ts';
import { type ConnectRequest, connect } from '../connections/connect.ts';
import { createDatabase } from '../db/create-database.ts';
import type { Database } from '../db/schema.ts';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { describeError } from '../errors.ts';
import { latestSnapshot } from '../inventory/snapshots.ts';
import { listRuns } from '../inventory/sync-runs.ts';
import { runScan, type ScanDeps } from './run-scan.ts';
import { ScanError } from './scan-error.ts';
import { acquireScanLease, getScanLease } from './scan-lease.ts';

// Whole scans of the tiny tenant through runScan, on both databases: one scan per connection at a
// time (the second is refused while the first syncs; a crashed scan's expired lease is taken over).

const BUILT = new Date('2026-11-01T12:00:00Z');
let sim: RunningSimulator;
let request: ConnectRequest;
let deps: (db: Kysely<Database>) => ScanDeps;

before(async () => {
  sim = await startSimulator({ tenant: tinyTenant(BUILT) });
  const { info } = sim;
  const started = Date.now();
  // The tenant is built at BUILT: the scan's clock runs from there.
  const now = () => new Date(BUILT.getTime() + (Date.now() - started));
  const { allowHosts, baseUrls } = simConnection(info);
  request = {
    sites: info.sites.map((s) => s.url),
    siteCredential: { email: info.credentials.admin.email, apiToken: info.credentials.admin.apiToken },
    org: { id: info.org.id, apiKey: info.credentials.orgApiKey },
  };
  deps = (db) => ({ db, now, allowHosts, baseUrls });
});
after(() => sim.stop());

forEachDatabase(
  'two scans of one connection at once: the second is refused naming the first, which publishes a whole snapshot',
  async (_t, database) => {
    const other = createDatabase(database.options);
    try {
      const { target } = await connect(request, deps(database.db));
      let second: Promise<unknown> | undefined;
      const first = await runScan(
        {
          ...deps(database.db),
          observer: {
            // The second scan starts while the first is in the middle of its sync.
            sync: (event) => {
              if (second === undefined && event.event === 'page') {
                second = runScan(deps(other.db), { connection: { target } }).then(
                  () => 'scanned',
                  (error: unknown) => error,
                );
              }
            },
          },
        },
        { connection: request },
      );
      const refused = await second;
      assert.ok(refused instanceof ScanError, String(refused));
      assert.equal(refused.code, 'scan_in_progress');
      assert.match(
        describeError(refused),
        new RegExp(
          `^another scan of ${target.id} is running on this database \\(.+:\\d+:\\w+, since .+\\) — wait for it to finish`,
        ),
      );

      assert.equal(first.connection.id, target.id);
      assert.equal(first.snapshotVersion, 1);
      // The result names the sync run (its per-dataset outcomes) and the API calls it made.
      assert.equal(first.sync.status, 'success');
      assert.ok(first.sync.api.calls > 0);
      assert.equal((await latestSnapshot(database.db, target.id))?.status, 'complete');
      const runs = await listRuns(database.db, target.id);
      assert.deepEqual(
        runs.map((r) => r.status),
        ['success'],
      );
      assert.equal(runs[0]?.id, first.sync.runId);
      assert.ok(first.report.results.length > 0);
      assert.equal(first.report.snapshotVersion, 1);

      // Once the first has finished, the lease is free: the next scan runs.
      assert.equal(await getScanLease(database.db, target.id), undefined);
      const next = await runScan(deps(other.db), { connection: { target } });
      assert.equal(next.snapshotVersion, 2);
    } finally {
      await other.close();
    }
  },
  { file: true, timeout: 120_000 },
);

forEachDatabase(
  'the lease a crashed scan left blocks the next scan until it expires, then is taken over',
  async (_t, { db }) => {
    const { target } = await connect(request, deps(db));
    const scanDeps = deps(db);
    const crashedAt = new Date(scanDeps.now().getTime() - 30_000);
    await acquireScanLease(db, {
      connectionId: target.id,
      holder: 'ci-runner:4242:dead',
      now: crashedAt,
      ttlMs: 60_000,
    });
    await assert.rejects(runScan(scanDeps, { connection: { target } }), (error: unknown) => {
      assert.ok(error instanceof ScanError);
      assert.match(
        describeError(error),
        new RegExp(
          `ci-runner:4242:dead.* its lease expires at ${new Date(crashedAt.getTime() + 60_000).toISOString()}`,
        ),
      );
      return true;
    });
    const later = { ...scanDeps, now: () => new Date(scanDeps.now().getTime() + 60_000) };
    const scanned = await runScan(later, { connection: { target } });
    assert.equal(scanned.snapshotVersion, 1);
    assert.equal(await getScanLease(db, target.id), undefined);
  },
  { timeout: 120_000 },
);
