import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import pg from 'pg';
import { CurrentSchemaPostgresDialect } from './current-schema-introspector.ts';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite-adapter.ts';

export interface DatabaseOptions {
  /** A postgres:// URL (DATABASE_URL): use PostgreSQL. Unset: SQLite. */
  url?: string;
  /** The SQLite file (default `./data/palisade.db`; `:memory:` for tests). Ignored with `url`. */
  file?: string;
  /** PostgreSQL only: the schema to work in (via search_path), e.g. one per test file. */
  schema?: string;
  /** PostgreSQL only: pool size. */
  maxConnections?: number;
}

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export const DEFAULT_SQLITE_FILE = './data/palisade.db';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function createDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  if (options.url) return createPostgres(options.url, options);
  const file = options.file ?? DEFAULT_SQLITE_FILE;
  if (file !== ':memory:') createPrivately(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * The snapshot holds every user's e-mail, 2SV state and admin role: a new file is created 0600 in
 * folders created 0700. SQLite creates its -wal and -shm files with the database file's mode, so
 * they are private too. An existing file keeps the mode its owner gave it.
 */
function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
}

function createPostgres(url: string, options: DatabaseOptions): DatabaseHandle {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`invalid PostgreSQL schema name: ${options.schema}`);
  }
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // A connection that dies (a database restart) while none of its queries runs — idle in the pool,
  // or held between a transaction's statements — reports it as an 'error' event, which unhandled
  // ends the process. Its next query fails instead (503 in the server), and the pool opens another.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const schema = options.schema;
  if (schema !== undefined) {
    // Set on every new pooled connection before any query of ours (pg queues them in order).
    // Not through the `options` start-up parameter: a URL's own `?options=` would replace it.
    pool.on('connect', (client) => {
      client.query(`set search_path to ${schema}`).catch(() => {
        // A failure surfaces on the next query of this client; nothing to do here.
      });
    });
  }
  const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
