import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, type MigrationResult, Migrator } from 'kysely/migration';
import { PalisadeError } from '../errors.ts';
import { dialectOf } from './dialect-of.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export class MigrationError extends PalisadeError {
  readonly code = 'migration_failed';
  readonly migration: string | undefined;
  constructor(migration: string | undefined, cause: unknown) {
    super(
      `migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'MigrationError';
    this.migration = migration;
  }
}

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => migrations,
};

/** Applies every migration not applied yet; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  if (dialectOf(db) === 'sqlite') return migrateSqlite(db);
  // Kysely looks for its migration tables in every schema unless told which: with one schema per
  // test (or tenant) on PostgreSQL, another schema's tables would make it skip creating ours.
  // Two processes migrating at once queue on Kysely's advisory lock.
  return migrate(db, await currentSchema(db));
}

async function migrate(db: Kysely<Database>, migrationTableSchema: string | undefined): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Kysely takes no lock on SQLite (it assumes one connection), so two processes opening a new file
 * at once (two `palisade scan` on one --db) would both create the tables. The migrations run
 * instead inside one IMMEDIATE transaction (SQLite's DDL is transactional): the second process
 * waits for the first (busy timeout), then finds nothing left to apply.
 */
async function migrateSqlite(db: Kysely<Database>): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const applied = await migrate(conn, undefined);
      await sql`commit`.execute(conn);
      return applied;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}

async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return result.rows[0]?.schema ?? undefined;
}
