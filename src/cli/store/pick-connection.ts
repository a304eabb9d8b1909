import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type ConnectionRecord, listConnections } from '../../inventory/connections.ts';
import { getSnapshot, latestSnapshot, type SnapshotRecord } from '../../inventory/snapshots.ts';
import { CliError } from '../cli-error.ts';

// Which connection and snapshot a reading command works on: the one given, or the only one the
// database holds (a --db written by scans of one org), and by default its latest complete snapshot.

export async function pickConnection(
  db: Kysely<Database>,
  location: string,
  id: string | undefined,
): Promise<ConnectionRecord> {
  const connections = await listConnections(db);
  if (id !== undefined) {
    const found = connections.find((c) => c.id === id);
    if (!found) {
      throw new CliError(
        'connection_not_found',
        `${location} holds no connection "${id}" — use one of: ${connections.map((c) => c.id).join(', ') || '(none)'}`,
      );
    }
    return found;
  }
  const [only] = connections;
  if (only === undefined) {
    throw new CliError(
      'no_snapshot',
      `${location} holds no scan yet — run palisade scan --db ${location} first`,
    );
  }
  if (connections.length > 1) {
    throw new CliError(
      'usage',
      `${location} holds ${connections.length} connections — pick one with --connection (${connections.map((c) => `${c.id} = ${c.name}`).join(', ')})`,
    );
  }
  return only;
}

export async function pickSnapshot(
  db: Kysely<Database>,
  connection: ConnectionRecord,
  version: number | undefined,
): Promise<SnapshotRecord> {
  const snapshot =
    version === undefined
      ? await latestSnapshot(db, connection.id)
      : await getSnapshot(db, connection.id, version);
  if (snapshot?.status !== 'complete') {
    throw new CliError(
      'no_snapshot',
      version === undefined
        ? `connection ${connection.id} has no complete snapshot — run palisade scan again`
        : `connection ${connection.id} has no complete snapshot ${version} — see palisade report --list`,
    );
  }
  return snapshot;
}

/** The complete snapshot before `version`, if any (versions of failed syncs are skipped). */
export async function previousSnapshot(
  db: Kysely<Database>,
  connectionId: string,
  version: number,
): Promise<SnapshotRecord | undefined> {
  for (let v = version - 1; v >= 1; v--) {
    const s = await getSnapshot(db, connectionId, v);
    if (s?.status === 'complete') return s;
  }
  return undefined;
}

export function parseVersion(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new CliError('usage', `${flag} "${raw}" is not a snapshot version — pass a whole number such as 3`);
  }
  return n;
}
