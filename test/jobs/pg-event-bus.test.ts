import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import type { PalisadeEvent } from '../../src/jobs/events.ts';
import { createPgEventBus, type PgEventBus } from '../../src/jobs/pg-event-bus.ts';
import { waitFor } from './pg-boss-fixture.ts';

// The event bus of a fleet on PostgreSQL: two processes (two buses on two pools) see each other's
// events once, in order; a listener whose connection is killed (as by a restart) listens again.

const skip = testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE;
const OPTIONS = { skip, timeout: 30_000 };

function event(n: number): PalisadeEvent {
  return {
    type: 'scan.progress',
    connectionId: 'conn-a',
    scanId: 'scan-1',
    at: '2026-11-01T12:00:00.000Z',
    data: { progress: { done: n, total: 10, phase: 'syncing' } },
  };
}

function twoBuses(): { a: PgEventBus; b: PgEventBus; channel: string } {
  const url = testPostgresUrl() ?? '';
  const channel = `test_events_${randomBytes(6).toString('hex')}`;
  const options = { channel, reconnectMs: 100, checkEveryMs: 500 };
  return {
    a: createPgEventBus(new pg.Pool({ connectionString: url, max: 2 }), options),
    b: createPgEventBus(new pg.Pool({ connectionString: url, max: 2 }), options),
    channel,
  };
}

test("two processes on one database see each other's events once and in order", OPTIONS, async (t) => {
  const { a, b } = twoBuses();
  t.after(() => Promise.all([a.close(), b.close()]));
  await Promise.all([a.ready(), b.ready()]);
  const seenByA: PalisadeEvent[] = [];
  const seenByB: PalisadeEvent[] = [];
  a.subscribe((e) => seenByA.push(e));
  b.subscribe((e) => seenByB.push(e));

  for (let n = 1; n <= 5; n++) a.publish(event(n));
  b.publish({ ...event(0), type: 'scan.finished', data: { status: 'success' } });

  await waitFor('the events to cross', () => seenByB.length === 6 && seenByA.length === 6, 5_000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(
    seenByB.filter((e) => e.type === 'scan.progress').map((e) => (e.data.progress as { done: number }).done),
    [1, 2, 3, 4, 5],
  );
  assert.equal(seenByA.length, 6, "a process's own events are delivered once, not again from the database");
  assert.deepEqual(seenByA.at(-1)?.data, { status: 'success' });
});

test(
  'a listener whose connection is killed (a database restart) listens again and receives later events',
  OPTIONS,
  async (t) => {
    const { a, b, channel } = twoBuses();
    t.after(() => Promise.all([a.close(), b.close()]));
    await Promise.all([a.ready(), b.ready()]);
    const seenByB: PalisadeEvent[] = [];
    b.subscribe((e) => seenByB.push(e));

    const admin = new pg.Client({ connectionString: testPostgresUrl() });
    await admin.connect();
    try {
      const killed = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where query = $1',
        [`listen ${channel}`],
      );
      assert.equal(killed.rowCount, 2, 'both listening connections are cut');
    } finally {
      await admin.end();
    }
    await waitFor(
      'b to receive again',
      async () => {
        a.publish(event(7));
        await new Promise((resolve) => setTimeout(resolve, 100));
        return seenByB.length > 0;
      },
      10_000,
    );
    assert.equal(seenByB[0]?.scanId, 'scan-1');
  },
);

test('an event too large for a NOTIFY keeps its type and ids and drops its fields', OPTIONS, async (t) => {
  const { a, b } = twoBuses();
  t.after(() => Promise.all([a.close(), b.close()]));
  await Promise.all([a.ready(), b.ready()]);
  const seenByB: PalisadeEvent[] = [];
  b.subscribe((e) => seenByB.push(e));
  a.publish({ ...event(1), data: { reason: 'x'.repeat(9_000) } });
  await waitFor('the event to cross', () => seenByB.length === 1, 5_000);
  assert.deepEqual(seenByB[0]?.data, { truncated: true });
  assert.equal(seenByB[0]?.connectionId, 'conn-a');
});
