import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

// Kysely's SqliteDialect expects the better-sqlite3 shape (prepare → statement with `reader`,
// array-argument all/run/iterate). better-sqlite3 cannot be built here, so this adapts Node 22's
// built-in node:sqlite. `columns()` is non-empty exactly for statements that return rows
// (SELECT, INSERT … RETURNING), which is what `reader` means.

export interface SqliteOptions {
  /** How long a writer waits for another process's lock before SQLITE_BUSY (ms). */
  busyTimeoutMs?: number;
}

const STATEMENT_CACHE_SIZE = 256;

export function openSqlite(file: string, options: SqliteOptions = {}): SqliteDatabase {
  const db = new DatabaseSync(file, { enableForeignKeyConstraints: true });
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  if (file !== ':memory:') {
    // WAL: readers (the server) never block the sync's writer, and a killed process leaves a log
    // that the next open replays. NORMAL sync is durable across process crashes in WAL mode.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
  }
  db.exec('PRAGMA foreign_keys = ON');

  // Page writes repeat the same few statements thousands of times; preparing once saves parsing.
  const cache = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    const hit = cache.get(sql);
    if (hit) return hit;
    const stmt = db.prepare(sql);
    if (cache.size >= STATEMENT_CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(sql, stmt);
    return stmt;
  };

  return {
    close: () => {
      cache.clear();
      if (db.isOpen) db.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const stmt = prepare(sql);
      return {
        reader: stmt.columns().length > 0,
        all: (parameters) => stmt.all(...bindAll(parameters)),
        run: (parameters) => stmt.run(...bindAll(parameters)),
        iterate: (parameters) => stmt.iterate(...bindAll(parameters)),
      };
    },
  };
}

// node:sqlite binds only null, numbers, bigints, strings and bytes.
function bindAll(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map(bind);
}

function bind(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    value instanceof Uint8Array
  ) {
    return value;
  }
  throw new TypeError(`cannot bind a ${typeof value} to a SQLite parameter`);
}
