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

/**
 * The database holds tables but is not one this Palisade can migrate: another application's
 * (no migration table of ours), or one a newer Palisade wrote (migrations this version lacks).
 * Refused before any table is created, so another application's file is left as it was.
 */
export class UnownedDatabaseError extends PalisadeError {
  readonly code = 'migration_failed';
  readonly reason: 'foreign' | 'newer';
  constructor(reason: 'foreign' | 'newer', message: string) {
    super(message);
    this.name = 'UnownedDatabaseError';
    this.reason = reason;
  }
}

// Kysely's own bookkeeping tables: present in every database Palisade migrated.
const MIGRATION_TABLE = 'kysely_migration';
const MIGRATION_LOCK_TABLE = 'kysely_migration_lock';

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => migrations,
};

export interface MigrateOptions {
  /** The running Palisade's version: recorded in the database, and named when refusing a newer one. */
  version?: string;
}

/** Applies every migration not applied yet; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>, options: MigrateOptions = {}): Promise<string[]> {
  if (dialectOf(db) === 'sqlite') return migrateSqlite(db, options);
  // Kysely looks for its migration tables in every schema unless told which: with one schema per
  // test (or tenant) on PostgreSQL, another schema's tables would make it skip creating ours.
  // Two processes migrating at once queue on Kysely's advisory lock.
  return migrate(db, await currentSchema(db), options);
}

async function migrate(
  db: Kysely<Database>,
  migrationTableSchema: string | undefined,
  options: MigrateOptions,
): Promise<string[]> {
  await assertOurs(db, migrationTableSchema, options);
  const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  if (options.version !== undefined) {
    await sql`insert into palisade_meta (name, value) values (${VERSION_KEY}, ${options.version})
      on conflict (name) do update set value = excluded.value where palisade_meta.value <> excluded.value`.execute(
      db,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

const VERSION_KEY = 'palisade_version';

/**
 * Kysely takes no lock on SQLite (it assumes one connection), so two processes opening a new file
 * at once (two `palisade scan` on one --db) would both create the tables. The migrations run
 * instead inside one IMMEDIATE transaction (SQLite's DDL is transactional): the second process
 * waits for the first (busy timeout), then finds nothing left to apply.
 */
async function migrateSqlite(db: Kysely<Database>, options: MigrateOptions): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const applied = await migrate(conn, undefined, options);
      await sql`commit`.execute(conn);
      return applied;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}

/** Refuses a database with tables and no migrations of ours, or with migrations we do not know. */
async function assertOurs(
  db: Kysely<Database>,
  schema: string | undefined,
  options: MigrateOptions,
): Promise<void> {
  const tables = await tableNames(db, schema);
  if (!tables.includes(MIGRATION_TABLE)) {
    const other = tables.filter((t) => t !== MIGRATION_LOCK_TABLE);
    if (other.length === 0) return;
    const shown = other.slice(0, 3).join(', ') + (other.length > 3 ? ', …' : '');
    throw new UnownedDatabaseError(
      'foreign',
      `it holds ${other.length} table${other.length === 1 ? '' : 's'} of another application (${shown}) and no Palisade migrations; Palisade adds no tables to it`,
    );
  }
  const applied = await sql<{
    name: string;
  }>`select name from ${sql.table(schema ? `${schema}.${MIGRATION_TABLE}` : MIGRATION_TABLE)} order by name`.execute(
    db,
  );
  const unknown = applied.rows.map((r) => r.name).filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    const writer = tables.includes('palisade_meta') ? await recordedVersion(db) : undefined;
    const ours = options.version !== undefined ? `Palisade ${options.version}` : 'this Palisade';
    throw new UnownedDatabaseError(
      'newer',
      `it was created by ${writer ? `Palisade ${writer}` : 'a newer Palisade'}; upgrade (this is ${ours}, which does not know its migration ${unknown.join(', ')})`,
    );
  }
}

async function recordedVersion(db: Kysely<Database>): Promise<string | undefined> {
  const r = await sql<{ value: string }>`select value from palisade_meta where name = ${VERSION_KEY}`.execute(
    db,
  );
  return r.rows[0]?.value;
}

async function tableNames(db: Kysely<Database>, schema: string | undefined): Promise<string[]> {
  if (dialectOf(db) === 'sqlite') {
    const r = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    return r.rows.map((row) => row.name);
  }
  // No current schema (search_path names none that exists): the migration fails on its own.
  if (schema === undefined) return [];
  const r = await sql<{
    name: string;
  }>`select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db);
  return r.rows.map((row) => row.name);
}

async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return result.rows[0]?.schema ?? undefined;
}
