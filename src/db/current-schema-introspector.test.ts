import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { createDatabase } from './create-database.ts';
import { migrateToLatest } from './migrate.ts';
import { openTestDatabase, POSTGRES_SKIP_MESSAGE, testPostgresUrl } from './testing/test-database.ts';

const skip = testPostgresUrl() ? false : POSTGRES_SKIP_MESSAGE;

test('PostgreSQL migrations succeed while another session creates and drops schemas beside ours', {
  skip,
  timeout: 120_000,
}, async () => {
  const url = testPostgresUrl() ?? '';
  // Kysely's own introspector failed here about one read in three ('schema "…" does not exist'):
  // it resolved every schema of the database by name while this loop dropped them.
  let churning = true;
  const churn = (async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (let i = 0; churning; i++) {
        const schema = `test_churn_${process.pid}_${i}`;
        await client.query(`create schema ${schema}; create table ${schema}.t (id serial, name text)`);
        await client.query(`drop schema ${schema} cascade`);
      }
    } finally {
      await client.end();
    }
  })();
  try {
    for (let i = 0; i < 5; i++) {
      const database = await openTestDatabase('postgres');
      await database.close();
    }
  } finally {
    churning = false;
    await churn;
  }
});

test("PostgreSQL introspection lists the tables of Palisade's own schema only", { skip }, async () => {
  const database = await openTestDatabase('postgres');
  const other = await openTestDatabase('postgres');
  try {
    const tables = await database.db.introspection.getTables();
    assert.ok(tables.length > 10);
    assert.ok(tables.every((t) => t.schema === database.options.schema));
    assert.ok(
      !tables.some((t) => t.name === 'kysely_migration'),
      "Kysely's tables are left out unless asked for",
    );
    const withKysely = await database.db.introspection.getTables({ withInternalKyselyTables: true });
    assert.ok(withKysely.some((t) => t.name === 'kysely_migration'));
    const snapshots = tables.find((t) => t.name === 'snapshots');
    assert.ok(snapshots, 'the snapshots table is listed');
    assert.ok(snapshots.columns.some((c) => c.name === 'version' && !c.isNullable && c.dataType === 'int4'));
    assert.ok(snapshots.columns.some((c) => c.name === 'completed_at' && c.isNullable));
    // Running the migrations again finds their table in our schema and applies nothing.
    const again = createDatabase(database.options);
    try {
      assert.deepEqual(await migrateToLatest(again.db), []);
    } finally {
      await again.close();
    }
  } finally {
    await other.close();
    await database.close();
  }
});
