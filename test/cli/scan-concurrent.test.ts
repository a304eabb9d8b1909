import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { type DemoSimulator, leakedSecrets, type Run, runPalisade, startDemoSimulator } from './support.ts';

// Two `palisade scan` of the same organization into the same --db, started together (a retried CI
// job, two people): one scans, the other is refused at once with one line saying a scan is
// running, instead of both writing one snapshot. On a SQLite file and on PostgreSQL.

let demo: DemoSimulator;
let dir: string;

before(async () => {
  demo = await startDemoSimulator();
  // Every call a little slower: a sync of hundreds of calls then outlasts the few calls of the
  // other scan's discovery by seconds, whichever process the machine starts first.
  demo.sim.context.faults.set({ rules: [{ latencyMs: 20 }] });
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-concurrent-'));
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function twoAtOnce(db: string, name: string): Promise<[Run, Run]> {
  const scan = (n: number) =>
    runPalisade(
      [
        'scan',
        ...demo.scanArgs,
        '--quiet',
        '--db',
        db,
        '--format',
        'json',
        '--output-dir',
        join(dir, `${name}-${n}`),
      ],
      { cwd: dir, timeoutMs: 120_000 },
    );
  return Promise.all([scan(1), scan(2)]);
}

function assertOneScannedOneRefused(runs: [Run, Run]): void {
  const codes = runs.map((r) => r.code).sort();
  assert.deepEqual(codes, [0, 1], runs.map((r) => r.stderr).join('\n'));
  const scanned = runs.find((r) => r.code === 0) as Run;
  const refused = runs.find((r) => r.code === 1) as Run;
  assert.match(scanned.stdout, /Snapshot kept in .* \(connection org-[\w-]+\)/);
  const lines = refused.stderr.split('\n').filter((l) => l.length > 0);
  assert.equal(lines.length, 1, refused.stderr);
  assert.match(
    lines[0] ?? '',
    /^palisade: another scan of org-[\w-]+ is running on this database \(.+, since \S+\) — wait for it to finish; if it stopped without finishing, its lease expires at \S+ and the next scan resumes its work$/,
  );
  assert.equal(refused.stdout, '');
  for (const run of runs) assert.deepEqual(leakedSecrets(run, demo.secrets), []);
}

test('a second scan into the same SQLite file while one runs is refused with one line, and the first completes', async () => {
  assertOneScannedOneRefused(await twoAtOnce(join(dir, 'palisade.db'), 'sqlite'));
});

test('a second scan into the same PostgreSQL database while one runs is refused with one line, and the first completes', {
  skip: testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE,
}, async () => {
  const base = testPostgresUrl() ?? '';
  const schema = `cli_${randomBytes(6).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  try {
    const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    assertOneScannedOneRefused(await twoAtOnce(url, 'postgres'));
  } finally {
    await admin(`drop schema if exists ${schema} cascade`);
  }
});
