import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { readCliEnv } from '../../src/cli/cli-env.ts';
import { forEachDatabase, testPostgresUrl } from '../../src/db/testing/test-database.ts';
import { startServer } from '../../src/server/start-server.ts';
import { dropSchema } from './pg-boss-fixture.ts';

// `palisade serve` picks its job queue from the database: pg-boss on PostgreSQL (the purge of a
// deleted connection is then a job too), the in-process queue on SQLite.

forEachDatabase(
  'the server runs its jobs through pg-boss on PostgreSQL and in-process on SQLite',
  async (t, database) => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-start-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const postgres = database.dialect === 'postgres';
    const jobSchema = `${database.options.schema ?? 'none'}_boss`;
    const server = await startServer({
      db: database.db,
      env: readCliEnv({ PALISADE_DATA_DIR: dir }),
      dataDir: dir,
      host: '127.0.0.1',
      port: 0,
      now: () => new Date(),
      postgresUrl: postgres ? testPostgresUrl() : undefined,
      jobSchema,
    });
    // Closed before the test database is (t.after would run after it).
    try {
      assert.equal(typeof server.deps.scans.purgeConnection === 'function', postgres);
      if (postgres) {
        // The queue's tables exist once the worker has started.
        const started = Date.now();
        for (;;) {
          const found =
            await sql`select 1 from information_schema.schemata where schema_name = ${jobSchema}`.execute(
              database.db,
            );
          if (found.rows.length > 0) break;
          if (Date.now() - started > 20_000) throw new Error('pg-boss did not start');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      await server.close();
      if (postgres) await dropSchema(jobSchema);
    }
  },
);
