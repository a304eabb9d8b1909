import { type Kysely, PostgresAdapter } from 'kysely';
import type { Dialect } from './create-database.ts';

/** Which database a Kysely instance (or transaction) talks to, for the rare dialect-specific tuning. */
export function dialectOf<DB>(db: Kysely<DB>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
