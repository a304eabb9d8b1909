import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createDatabase } from '../../db/create-database.ts';
import { exitCodeOf } from '../../errors.ts';
import { toolInfo } from '../../report/tool-info.ts';
import { openStore } from './open-store.ts';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'palisade-store-'));
}

async function tablesOf(file: string): Promise<string[]> {
  const handle = createDatabase({ file });
  try {
    const r = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' order by name`.execute(handle.db);
    return r.rows.map((row) => row.name);
  } finally {
    await handle.close();
  }
}

test("another application's SQLite file is refused, named, and left without any table of ours", async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'notes.db');
    const other = createDatabase({ file });
    await sql`create table notes (id integer primary key, body text)`.execute(other.db);
    await other.close();

    await assert.rejects(openStore(file, { mustExist: false }), (error: Error) => {
      assert.match(error.message, /notes\.db is not a Palisade database/);
      assert.match(error.message, /notes/);
      assert.equal(exitCodeOf(error), 1);
      return true;
    });
    assert.deepEqual(await tablesOf(file), ['notes']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database written by a newer Palisade says to upgrade, not that its migrations are corrupted', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'palisade.db');
    const store = await openStore(file, { mustExist: false });
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')`.execute(
      store.db,
    );
    await sql`update palisade_meta set value = '99.1.0' where name = 'palisade_version'`.execute(store.db);
    await store.close();

    await assert.rejects(openStore(file, { mustExist: true }), (error: Error) => {
      assert.match(error.message, /created by Palisade 99\.1\.0; upgrade/);
      assert.match(
        error.message,
        new RegExp(`this is Palisade ${toolInfo().version.replaceAll('.', '\\.')}`),
      );
      assert.match(error.message, /9999-from-the-future/);
      assert.doesNotMatch(error.message, /corrupted/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an empty or a Palisade database opens as before', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'palisade.db');
    await (await openStore(file, { mustExist: false })).close();
    await (await openStore(file, { mustExist: true })).close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
