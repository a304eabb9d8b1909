import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDatabase, type DatabaseHandle } from '../../db/create-database.ts';
import { migrateToLatest, UnownedDatabaseError } from '../../db/migrate.ts';
import { toolInfo } from '../../report/tool-info.ts';
import { CliError } from '../cli-error.ts';

// Where a command keeps or finds its snapshots. `--db` takes a SQLite file path or a
// postgres:// URL; a scan without one works in a temporary SQLite file deleted when it ends
// (nothing left behind in CI), while `report`, `diff` and `apps` read an existing database.

export interface Store extends DatabaseHandle {
  /** What to show the user: the file path, or the URL without its password. */
  location: string;
  temporary: boolean;
}

const isPostgres = (spec: string) => /^postgres(ql)?:\/\//i.test(spec);

export function describeLocation(spec: string): string {
  if (!isPostgres(spec)) return spec;
  try {
    const url = new URL(spec);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(invalid URL)';
  }
}

async function migrated(handle: DatabaseHandle, location: string): Promise<void> {
  try {
    await migrateToLatest(handle.db, { version: toolInfo().version });
  } catch (error) {
    await handle.close().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UnownedDatabaseError) {
      throw new CliError(
        'database',
        error.reason === 'newer'
          ? `${location} cannot be used: ${message}`
          : `${location} is not a Palisade database: ${message} — pass a new file or the one a scan wrote with --db`,
        { cause: error },
      );
    }
    if (/not a database|malformed|file is encrypted/i.test(message)) {
      throw new CliError(
        'database',
        `${location} is not a Palisade database (${message.replace(/^migration \S+ failed: /, '')}) — pass the file a scan wrote with --db`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Opens (and migrates) the database a command uses. `mustExist`: a SQLite path that does not
 * exist is an error rather than a new empty database (reading commands).
 */
export async function openStore(spec: string | undefined, options: { mustExist: boolean }): Promise<Store> {
  if (spec === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-scan-'));
    const file = join(dir, 'snapshot.db');
    const handle = createDatabase({ file });
    await migrated(handle, file);
    return {
      ...handle,
      location: file,
      temporary: true,
      close: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (isPostgres(spec)) {
    const location = describeLocation(spec);
    let handle: DatabaseHandle;
    try {
      handle = createDatabase({ url: spec });
    } catch (error) {
      throw new CliError('database', `cannot use --db ${location}: ${(error as Error).message}`);
    }
    await migrated(handle, location);
    return { ...handle, location, temporary: false };
  }
  const file = resolve(spec);
  if (options.mustExist && !existsSync(file)) {
    throw new CliError(
      'no_snapshot',
      `no database at ${spec} — pass the --db a scan wrote (palisade scan --db ${spec})`,
    );
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new CliError(
      'database',
      `--db ${spec} is a folder — pass a file path such as ${join(spec, 'palisade.db')}`,
    );
  }
  let handle: DatabaseHandle;
  try {
    handle = createDatabase({ file });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(
      'database',
      `cannot open --db ${spec}: ${message} — pass the file a scan wrote with --db`,
      {
        cause: error,
      },
    );
  }
  await migrated(handle, spec);
  return { ...handle, location: spec, temporary: false };
}
