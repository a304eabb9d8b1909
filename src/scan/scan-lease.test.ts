import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDatabase } from '../db/create-database.ts';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { ScanError } from './scan-error.ts';
import {
  acquireScanLease,
  getScanLease,
  holdScanLease,
  releaseScanLease,
  renewScanLease,
} from './scan-lease.ts';

// One scan per connection at a time, held in the database: the lease's own rules, on both
// databases. (run-scan.test.ts runs two whole scans at once.)

const T0 = new Date('2025-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const TTL = 60_000;

forEachDatabase(
  'a connection’s lease goes to one scan at a time; other connections are free',
  async (_t, { db }) => {
    const first = await acquireScanLease(db, { connectionId: 'org-1', holder: 'a', now: T0, ttlMs: TTL });
    assert.equal(first.acquired, true);
    const second = await acquireScanLease(db, {
      connectionId: 'org-1',
      holder: 'b',
      now: at(1_000),
      ttlMs: TTL,
    });
    assert.equal(second.acquired, false);
    assert.equal(second.acquired ? undefined : second.heldBy?.holder, 'a');
    assert.equal(second.acquired ? undefined : second.heldBy?.expiresAt, at(TTL).toISOString());
    const other = await acquireScanLease(db, {
      connectionId: 'org-2',
      holder: 'b',
      now: at(1_000),
      ttlMs: TTL,
    });
    assert.equal(other.acquired, true);
    await releaseScanLease(db, { connectionId: 'org-1', holder: 'a' });
    const after = await acquireScanLease(db, {
      connectionId: 'org-1',
      holder: 'b',
      now: at(2_000),
      ttlMs: TTL,
    });
    assert.equal(after.acquired, true);
  },
);

forEachDatabase(
  'a lease its holder stopped renewing is taken over once expired; the old holder can neither renew nor release it',
  async (_t, { db }) => {
    await acquireScanLease(db, { connectionId: 'org-1', holder: 'crashed', now: T0, ttlMs: TTL });
    const early = await acquireScanLease(db, {
      connectionId: 'org-1',
      holder: 'next',
      now: at(TTL - 1),
      ttlMs: TTL,
    });
    assert.equal(early.acquired, false);
    const taken = await acquireScanLease(db, {
      connectionId: 'org-1',
      holder: 'next',
      now: at(TTL),
      ttlMs: TTL,
    });
    assert.equal(taken.acquired, true);
    assert.equal(
      await renewScanLease(db, { connectionId: 'org-1', holder: 'crashed', now: at(TTL + 1), ttlMs: TTL }),
      false,
    );
    await releaseScanLease(db, { connectionId: 'org-1', holder: 'crashed' });
    assert.equal((await getScanLease(db, 'org-1'))?.holder, 'next');
    assert.equal(
      await renewScanLease(db, { connectionId: 'org-1', holder: 'next', now: at(TTL + 5), ttlMs: TTL }),
      true,
    );
    assert.equal((await getScanLease(db, 'org-1'))?.expiresAt, at(2 * TTL + 5).toISOString());
  },
);

forEachDatabase(
  'many scans asking at the same moment through separate connections: exactly one gets the lease',
  async (_t, { options }) => {
    const handles = Array.from({ length: 6 }, () => createDatabase(options));
    try {
      const answers = await Promise.all(
        handles.map((h, i) =>
          acquireScanLease(h.db, { connectionId: 'org-1', holder: `scan-${i}`, now: T0, ttlMs: TTL }),
        ),
      );
      const winners = answers.filter((a) => a.acquired);
      assert.equal(winners.length, 1);
      const holder = winners[0]?.acquired ? winners[0].lease.holder : '';
      for (const a of answers) if (!a.acquired) assert.equal(a.heldBy?.holder, holder);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  },
  { file: true },
);

forEachDatabase('a held lease is renewed in the background and given up on release', async (_t, { db }) => {
  let clock = T0.getTime();
  const now = () => new Date(clock);
  const held = await holdScanLease(db, 'org-1', now, { ttlMs: 1_000, renewEveryMs: 10, holder: 'a' });
  clock += 900;
  await sleep(60);
  assert.ok(Date.parse((await getScanLease(db, 'org-1'))?.expiresAt ?? '') >= clock + 1_000 - 1);
  await assert.rejects(holdScanLease(db, 'org-1', now, { holder: 'b' }), (error: unknown) => {
    assert.ok(error instanceof ScanError);
    assert.equal(error.code, 'scan_in_progress');
    assert.match(
      error.message,
      /another scan of org-1 is running on this database \(a, since 2025-06-01T12:00:00\.000Z\)/,
    );
    assert.match(
      error.fix ?? '',
      /wait for it to finish; if it stopped without finishing, its lease expires at 2025-06-01T12:00:0\d/,
    );
    return true;
  });
  assert.equal(held.lost(), false);
  await held.release();
  assert.equal(await getScanLease(db, 'org-1'), undefined);
});

forEachDatabase('a scan whose lease was taken over learns it, and is told to stop', async (_t, { db }) => {
  let clock = T0.getTime();
  const now = () => new Date(clock);
  const held = await holdScanLease(db, 'org-1', now, { ttlMs: 1_000, renewEveryMs: 200, holder: 'stalled' });
  clock += 5_000;
  // Long before its first renewal comes round, another scan finds the lease expired and takes it.
  const taken = await acquireScanLease(db, {
    connectionId: 'org-1',
    holder: 'next',
    now: now(),
    ttlMs: 1_000,
  });
  assert.equal(taken.acquired, true);
  await sleep(350);
  assert.equal(held.lost(), true);
  assert.ok(held.signal.aborted);
  assert.equal((held.signal.reason as ScanError).code, 'scan_lease_lost');
  await held.release();
  assert.equal((await getScanLease(db, 'org-1'))?.holder, 'next');
});
