import { resolve } from 'node:path';
import type { CliDeps } from '../cli-deps.ts';

// The database commands use when no --db is given: PALISADE_DB, else the server's (DATABASE_URL),
// else the embedded SQLite file under PALISADE_DATA_DIR — where `palisade demo` keeps its scans.
export function defaultDatabase(deps: Pick<CliDeps, 'env' | 'cwd'>): string {
  return (
    deps.env.PALISADE_DB ??
    deps.env.DATABASE_URL ??
    resolve(deps.cwd, deps.env.PALISADE_DATA_DIR, 'palisade.db')
  );
}
