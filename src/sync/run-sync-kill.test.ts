import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { DatabaseOptions } from '../db/create-database.ts';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { readDataset } from '../inventory/read-dataset.ts';
import { runSync } from './run-sync.ts';
import { fakeApi } from './testing/fake-api.ts';
import { CONNECTION, SLOW_SYNC_ITEMS, slowCollectors } from './testing/sync-fixture.ts';

const child = fileURLToPath(new URL('./testing/slow-sync-child.ts', import.meta.url));

/** Starts the slow sync in another process and SIGKILLs it once `pages` pages are stored. */
async function killMidRun(options: DatabaseOptions, pages: number): Promise<string[]> {
  const proc = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', child, JSON.stringify(options)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  let buffer = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    if (lines.filter((l) => l.startsWith('page')).length >= pages && proc.exitCode === null)
      proc.kill('SIGKILL');
  });
  const [code, signal] = (await once(proc, 'exit')) as [number | null, NodeJS.Signals | null];
  assert.equal(
    signal,
    'SIGKILL',
    `the child should have been killed, it exited with ${code}: ${lines.join(' | ')}`,
  );
  return lines;
}

forEachDatabase(
  'a sync killed with SIGKILL mid-run resumes from its checkpoints and publishes one complete snapshot',
  async (_t, { db, options }) => {
    const before = await killMidRun(options, 8);
    assert.ok(!before.includes('finished'));

    const collectors = slowCollectors(0);
    const result = await runSync({
      db,
      api: fakeApi(),
      collectors,
      connection: CONNECTION,
      now: () => new Date(),
    });
    assert.equal(result.status, 'success');
    assert.equal(result.resumed, true);
    assert.equal(result.snapshotVersion, 1);
    assert.ok(
      collectors.some((c) => c.calls[0]?.resumeFrom?.startsWith('page:')),
      'at least one dataset continued from a checkpoint',
    );
    // Pages stored before the kill are counted once, and never re-read.
    assert.equal(result.itemsRead, SLOW_SYNC_ITEMS);

    for (const dataset of ['org.users', 'org.groups', 'jira.projects']) {
      const items = await readDataset(db, CONNECTION.id, dataset);
      assert.equal(items.length, 60, dataset);
      assert.equal(new Set(items.map((i) => i.key)).size, 60, dataset);
    }
    const rows = await db
      .selectFrom('inventory_items')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(rows.n), SLOW_SYNC_ITEMS);
    const snapshots = await db.selectFrom('snapshots').select(['version', 'status']).execute();
    assert.deepEqual(
      snapshots.map((s) => ({ ...s })),
      [{ version: 1, status: 'complete' }],
    );
    const runs = await db.selectFrom('sync_runs').select(['status']).execute();
    assert.deepEqual(
      runs.map((r) => r.status),
      ['success'],
    );
  },
  { file: true, timeout: 20_000 },
);
