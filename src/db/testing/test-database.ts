import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import pg from 'pg';
import {
  createDatabase,
  type DatabaseHandle,
  type DatabaseOptions,
  type Dialect,
} from '../create-database.ts';
import { migrateToLatest } from '../migrate.ts';

// Every store test runs on both databases (DESIGN.md, Storage). SQLite gets a fresh :memory:
// database (or a temporary file); PostgreSQL a fresh schema, reached through search_path and
// dropped afterwards, so parallel test files never see each other's tables.

export interface TestDatabase extends DatabaseHandle {
  /** What another process needs to open the same database (the SIGKILL tests). */
  options: DatabaseOptions;
}

export interface OpenTestDatabaseOptions {
  /** SQLite: use a temporary file instead of :memory: (so another process can open it). */
  file?: boolean;
}

/** The PostgreSQL URL for tests; a test-only variable, so it is read here rather than in src/config. */
export function testPostgresUrl(): string | undefined {
  const url = process.env.PALISADE_TEST_POSTGRES_URL;
  return url && url.length > 0 ? url : undefined;
}

export const POSTGRES_SKIP_MESSAGE =
  'PostgreSQL variant skipped: set PALISADE_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/test)';

export async function openTestDatabase(
  dialect: Dialect,
  options: OpenTestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = options.file ? mkdtempSync(join(tmpdir(), 'palisade-test-')) : undefined;
    const dbOptions: DatabaseOptions = { file: dir ? join(dir, 'palisade.db') : ':memory:' };
    const handle = createDatabase(dbOptions);
    await migrateToLatest(handle.db);
    return {
      ...handle,
      options: dbOptions,
      close: async () => {
        await handle.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = testPostgresUrl();
  if (!url) throw new Error(POSTGRES_SKIP_MESSAGE);
  return openPostgresSchema(url);
}

async function openPostgresSchema(url: string): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create schema ${schema}`);
  const dbOptions: DatabaseOptions = { url, schema };
  const handle = createDatabase(dbOptions);
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    await adminQuery(url, `drop schema if exists ${schema} cascade`);
    throw error;
  }
  return {
    ...handle,
    options: dbOptions,
    close: async () => {
      await handle.close();
      await adminQuery(url, `drop schema if exists ${schema} cascade`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface ForEachDatabaseOptions extends OpenTestDatabaseOptions {
  timeout?: number;
}

/** Registers the same test for SQLite and PostgreSQL, each with a fresh, migrated database. */
export function forEachDatabase(
  name: string,
  fn: (t: TestContext, database: TestDatabase) => Promise<void>,
  options: ForEachDatabaseOptions = {},
): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && !testPostgresUrl() ? POSTGRES_SKIP_MESSAGE : false;
    test(`${name} (${dialect})`, { skip, timeout: options.timeout ?? 30_000 }, async (t) => {
      const database = await openTestDatabase(dialect, options);
      try {
        await fn(t, database);
      } finally {
        await database.close();
      }
    });
  }
}
