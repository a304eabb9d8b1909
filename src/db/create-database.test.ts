import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from './create-database.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import {
  forEachDatabase,
  openTestDatabase,
  POSTGRES_SKIP_MESSAGE,
  testPostgresUrl,
} from './testing/test-database.ts';

test('a SQLite file database is created with its directory, in WAL mode with foreign keys on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-db-'));
  const file = join(dir, 'nested', 'palisade.db');
  const { db, dialect, close } = createDatabase({ file });
  try {
    assert.equal(dialect, 'sqlite');
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    assert.equal(journal.rows[0]?.journal_mode, 'wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    assert.equal(fk.rows[0]?.foreign_keys, 1);
    const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
    assert.ok((busy.rows[0]?.timeout ?? 0) > 0);
    assert.ok(existsSync(file));
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new SQLite database, its -wal and -shm files are private to their owner (0600) in a 0700 folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-db-'));
  const file = join(dir, 'data', 'palisade.db');
  const { db, close } = createDatabase({ file });
  try {
    await migrateToLatest(db);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      assert.equal(statSync(path).mode & 0o777, 0o600, path);
    }
    assert.equal(statSync(join(dir, 'data')).mode & 0o777, 0o700);
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migrating twice applies each migration once', async () => {
  const { db, close } = createDatabase({ file: ':memory:' });
  try {
    assert.deepEqual(await migrateToLatest(db), Object.keys(migrations));
    assert.deepEqual(await migrateToLatest(db), []);
  } finally {
    await close();
  }
});

forEachDatabase(
  'the migrated schema enforces foreign keys and round-trips text, integers and nulls',
  async (_t, { db }) => {
    await assert.rejects(
      db
        .insertInto('snapshots')
        .values({
          connection_id: 'nope',
          version: 1,
          status: 'building',
          created_at: 'x',
          completed_at: null,
        })
        .execute(),
    );
    await db
      .insertInto('connections')
      .values({ id: 'c1', name: 'Acme', org_id: null, sites: '[]', created_at: 't', updated_at: 't' })
      .execute();
    await db
      .insertInto('snapshots')
      .values({ connection_id: 'c1', version: 7, status: 'building', created_at: 't', completed_at: null })
      .execute();
    const row = await db.selectFrom('snapshots').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...row },
      { connection_id: 'c1', version: 7, status: 'building', created_at: 't', completed_at: null },
    );
  },
);

forEachDatabase('a transaction that throws leaves nothing behind', async (_t, { db }) => {
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await trx
        .insertInto('connections')
        .values({ id: 'c1', name: 'Acme', org_id: null, sites: '[]', created_at: 't', updated_at: 't' })
        .execute();
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal((await db.selectFrom('connections').selectAll().execute()).length, 0);
});

test('a PostgreSQL schema is used even when the URL carries its own start-up options', {
  skip: testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE,
}, async () => {
  const test = await openTestDatabase('postgres');
  try {
    const url = `${testPostgresUrl()}?options=-c%20statement_timeout%3D60000`;
    const other = createDatabase({ url, schema: test.options.schema! });
    try {
      const row = await sql<{ schema: string }>`select current_schema() as schema`.execute(other.db);
      assert.equal(row.rows[0]?.schema, test.options.schema);
      assert.deepEqual(await migrateToLatest(other.db), []);
    } finally {
      await other.close();
    }
  } finally {
    await test.close();
  }
});

test('two processes opening a new SQLite file at once both migrate it, and its tables are created once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-db-'));
  const file = join(dir, 'palisade.db');
  // Both wait for the same moment after start-up, so their migrations overlap.
  const startAt = Date.now() + 2_000;
  const script = `
    import { createDatabase } from ${JSON.stringify(new URL('./create-database.ts', import.meta.url).href)};
    import { migrateToLatest } from ${JSON.stringify(new URL('./migrate.ts', import.meta.url).href)};
    const { db, close } = createDatabase({ file: ${JSON.stringify(file)} });
    await new Promise((resolve) => setTimeout(resolve, ${startAt} - Date.now()));
    try { console.log(JSON.stringify(await migrateToLatest(db))); } finally { await close(); }`;
  const run = () =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [
        '--input-type=module',
        '--disable-warning=ExperimentalWarning',
        '-e',
        script,
      ]);
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      child.on('close', (code) => resolve({ code, out, err }));
    });
  try {
    const runs = await Promise.all([run(), run()]);
    for (const r of runs) assert.equal(r.code, 0, r.err);
    // Between them, each migration was applied exactly once.
    const applied = runs.flatMap((r) => JSON.parse(r.out) as string[]).sort();
    assert.deepEqual(applied, Object.keys(migrations).sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a PostgreSQL schema holding another application's tables is refused and gains no table", {
  skip: testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE,
}, async () => {
  const url = testPostgresUrl() ?? '';
  const schema = `test_foreign_${process.pid}`;
  const admin = createDatabase({ url, maxConnections: 1 });
  await sql`create schema ${sql.raw(schema)}`.execute(admin.db);
  await sql`create table ${sql.raw(schema)}.invoices (id integer)`.execute(admin.db);
  const handle = createDatabase({ url, schema });
  try {
    await assert.rejects(migrateToLatest(handle.db), /another application \(invoices\)/);
    const tables = await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(
      admin.db,
    );
    assert.deepEqual(
      tables.rows.map((r) => r.name),
      ['invoices'],
    );
  } finally {
    await handle.close();
    await sql`drop schema ${sql.raw(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
});
