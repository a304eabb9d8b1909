import type { Kysely } from 'kysely';
import { fromJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import { forgetAppJudgement, judgementStamps } from '../../scan/app-judgements.ts';
import { appsOfSnapshot, type EvaluatedApp } from '../../scan/apps-of-snapshot.ts';
import { RequestError } from '../request-error.ts';

// The apps of every connection's latest complete snapshot with their risk, classification and
// checks, as `palisade apps list` reads them (appsOfSnapshot: the judgement the scan stored, or a
// new one when something it was made with changed). Each connection's apps are kept in memory
// while its snapshot version and judgement stamp stay the same, so a request reads a few grouped
// counts, not megabytes of JSON; a new snapshot or a change to classifications, overrides,
// policies, bans or rule settings (made by any process) changes one of them.

export interface ConnectionApps {
  connectionId: string;
  connectionName: string;
  snapshotVersion: number;
  sites: Map<string, { url: string; name: string | null }>;
  apps: EvaluatedApp[];
}

interface Entry {
  version: number;
  stamp: string;
  value: Promise<ConnectionApps>;
}

interface ConnectionRow {
  id: string;
  name: string;
  sites: string;
  version: number;
}

async function connectionsWithSnapshots(
  db: Kysely<Database>,
  connectionId: string | undefined,
): Promise<ConnectionRow[]> {
  let query = db
    .selectFrom('connections as c')
    .innerJoin('snapshots as s', 's.connection_id', 'c.id')
    .leftJoin('connection_profiles as p', 'p.connection_id', 'c.id')
    .select((eb) => ['c.id', 'c.name', 'c.sites', eb.fn.max('s.version').as('version')])
    .where('s.status', '=', 'complete')
    // A connection being deleted is on its way out: its apps are no one's to govern any more.
    .where((eb) => eb.or([eb('p.state', 'is', null), eb('p.state', '!=', 'deleting')]))
    .groupBy(['c.id', 'c.name', 'c.sites'])
    .orderBy('c.id');
  if (connectionId !== undefined) query = query.where('c.id', '=', connectionId);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, sites: r.sites, version: Number(r.version) }));
}

export interface AppsCatalog {
  /** Every connection with a complete snapshot, or the one named (404 when it does not exist). */
  load(connectionId?: string): Promise<ConnectionApps[]>;
  /** Forget what is kept and stored for a connection: a change was just made to how its apps are judged. */
  forget(connectionId: string): Promise<void>;
}

export function createAppsCatalog(deps: { db: Kysely<Database>; now: () => Date }): AppsCatalog {
  const cache = new Map<string, Entry>();
  return {
    async forget(connectionId) {
      cache.delete(connectionId);
      await forgetAppJudgement(deps.db, connectionId);
    },
    async load(connectionId) {
      const [rows, stamped] = await Promise.all([
        connectionsWithSnapshots(deps.db, connectionId),
        judgementStamps(deps.db, connectionId),
      ]);
      if (connectionId !== undefined && rows.length === 0) {
        const exists = await deps.db
          .selectFrom('connections')
          .select('id')
          .where('id', '=', connectionId)
          .executeTakeFirst();
        if (!exists) throw new RequestError('connection_not_found', `no connection ${connectionId}`);
      }
      const now = deps.now();
      if (connectionId === undefined) {
        const live = new Set(rows.map((r) => r.id));
        for (const id of cache.keys()) if (!live.has(id)) cache.delete(id);
      }
      return Promise.all(
        rows.map((row) => {
          const stamp = stamped.get(row.id) ?? '';
          const kept = cache.get(row.id);
          if (kept && kept.version === row.version && kept.stamp === stamp) return kept.value;
          const value = judge(deps.db, row, stamp, now);
          cache.set(row.id, { version: row.version, stamp, value });
          // A failed judgement is not kept: the next request tries again.
          value.catch(() => {
            if (cache.get(row.id)?.value === value) cache.delete(row.id);
          });
          return value;
        }),
      );
    },
  };
}

async function judge(
  db: Kysely<Database>,
  row: ConnectionRow,
  stamp: string,
  now: Date,
): Promise<ConnectionApps> {
  const sites = fromJsonColumn<{ cloudId: string; url: string; name?: string }[]>(row.sites);
  return {
    connectionId: row.id,
    connectionName: row.name,
    snapshotVersion: row.version,
    sites: new Map(sites.map((s) => [s.cloudId, { url: s.url, name: s.name ?? null }])),
    apps: await appsOfSnapshot(db, row.id, row.version, now, { stamp }),
  };
}

// One catalogue per server (the apps, actions and overview modules share it), created with the
// server's deps and gone with them.
const CATALOGUES = new WeakMap<object, AppsCatalog>();

export function catalogueOf(deps: { db: Kysely<Database>; now: () => Date }): AppsCatalog {
  let catalogue = CATALOGUES.get(deps);
  if (!catalogue) {
    catalogue = createAppsCatalog(deps);
    CATALOGUES.set(deps, catalogue);
  }
  return catalogue;
}
