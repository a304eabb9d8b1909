import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { readCliEnv } from '../../src/cli/cli-env.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { POSTGRES_SKIP_MESSAGE, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { palisade } from './in-process.ts';

// `palisade worker` runs jobs only, on PostgreSQL; on SQLite it refuses (one process does
// everything there), and so does `serve --no-worker`.

test('palisade worker on SQLite refuses and says to run palisade serve', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-worker-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const run = await palisade(['worker'], { cwd: dir, env: { PALISADE_DATA_DIR: dir } });
  assert.notEqual(run.code, 0);
  assert.match(run.stderr, /palisade worker needs PostgreSQL \(set DATABASE_URL\).*run palisade serve/);
});

test('palisade serve --no-worker on SQLite refuses: nothing else would run its jobs', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-worker-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const run = await palisade(['serve', '--no-worker', '--port', '0'], {
    cwd: dir,
    env: { PALISADE_DATA_DIR: dir },
  });
  assert.notEqual(run.code, 0);
  assert.match(run.stderr, /--no-worker needs PostgreSQL/);
});

test('palisade worker on PostgreSQL says it runs, and stops at SIGTERM', {
  skip: testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE,
  timeout: 60_000,
}, async (t) => {
  const url = testPostgresUrl() ?? '';
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  t.after(() => admin(`drop schema if exists ${schema} cascade`));
  // The worker's pg-boss schema (the default, pgboss): only this test uses it.
  t.after(() => admin('drop schema if exists pgboss cascade'));
  const dir = mkdtempSync(join(tmpdir(), 'palisade-worker-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const databaseUrl = new URL(url);
  databaseUrl.searchParams.set('options', `-c search_path=${schema}`);
  let stderr = '';
  const controller = new AbortController();
  const running = runCli(['worker'], {
    env: readCliEnv({
      DATABASE_URL: databaseUrl.toString(),
      PALISADE_SECRET_KEY: randomBytes(32).toString('base64'),
      PALISADE_DATA_DIR: dir,
    }),
    stdout: { write: () => true, isTTY: false },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
      isTTY: false,
    },
    cwd: dir,
    now: () => new Date(),
    signal: controller.signal,
  });
  const until = Date.now() + 30_000;
  while (!/Palisade worker \S+ running/.test(stderr)) {
    if (Date.now() > until) throw new Error(`the worker did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stopping = Date.now();
  controller.abort();
  assert.equal(await running, 0, stderr);
  assert.ok(Date.now() - stopping < 30_000);
  assert.match(stderr, /Palisade worker stopping/);
});
