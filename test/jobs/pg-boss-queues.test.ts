import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { fleetFixture } from './pg-boss-fixture.ts';

// The queues' retries and heartbeat follow the lease term of the processes that start, also on a
// database whose queues exist already (an upgrade, a changed PALISADE_SCAN_LEASE_TTL).

const skip = testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE;

async function scanQueue(schema: string) {
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{
      heartbeat_seconds: number;
      retry_delay: number;
      retry_limit: number;
    }>(`select heartbeat_seconds, retry_delay, retry_limit from ${schema}.queue where name = 'scan'`);
    return rows[0];
  } finally {
    await client.end();
  }
}

test('a changed lease term reaches the scan queue that exists already: heartbeat and retry delay follow it', {
  skip,
  timeout: 60_000,
}, async (t) => {
  const f = await fleetFixture(1);
  t.after(() => f.stop());
  const schema = `${f.database.options.schema}_boss`;
  const first = f.worker({ runJobs: false });
  await first.ready();
  assert.deepEqual(await scanQueue(schema), { heartbeat_seconds: 30, retry_delay: 30, retry_limit: 5 });
  await first.stop();

  const second = f.worker({ runJobs: false, leaseTtlMs: 40_000 });
  await second.ready();
  assert.deepEqual(await scanQueue(schema), { heartbeat_seconds: 20, retry_delay: 20, retry_limit: 5 });
});
