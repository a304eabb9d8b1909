import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { ConnectionsTable, Database } from '../db/schema.ts';

// A connection is an Atlassian organization Palisade reads: the one shape every module uses
// (src/sync's SyncTarget adds the credentials and what discovery learnt). Credentials are
// deliberately not stored here: the caller passes them to the connector.

/** A site of the connection; the same shape as the connector's SiteRef (inventory does not import atlassian/). */
export interface ConnectionSite {
  cloudId: string;
  url: string;
  /**
   * `bitbucket`: the site is a Bitbucket Cloud workspace (a connection of kind `bitbucket`);
   * `jira-data-center` | `confluence-data-center`: a Data Center instance (a connection of kind `data-center`).
   */
  products: ('jira' | 'confluence' | 'bitbucket' | 'jira-data-center' | 'confluence-data-center')[];
}

export interface Connection {
  /** Derived from what is read (src/connections/connection-id.ts), so repeated scans build one history. */
  id: string;
  name: string;
  /** The organization, when an org API key reads it; null or absent: the sites alone. */
  orgId?: string | null | undefined;
  sites: readonly ConnectionSite[];
}

/** A stored connection. */
export interface ConnectionRecord extends Connection {
  orgId: string | null;
  sites: ConnectionSite[];
  createdAt: string;
  updatedAt: string;
}

export async function saveConnection(db: Kysely<Database>, input: Connection, now: Date): Promise<void> {
  const at = now.toISOString();
  const sites = toJsonColumn(input.sites);
  await db
    .insertInto('connections')
    .values({
      id: input.id,
      name: input.name,
      org_id: input.orgId ?? null,
      sites,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ name: input.name, org_id: input.orgId ?? null, sites, updated_at: at }),
    )
    .execute();
}

export async function getConnection(db: Kysely<Database>, id: string): Promise<ConnectionRecord | undefined> {
  const row = await db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listConnections(db: Kysely<Database>): Promise<ConnectionRecord[]> {
  const rows = await db.selectFrom('connections').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toRecord);
}

/** Deletes the connection and, by cascade, its snapshots, runs and inventory. */
export async function deleteConnection(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function toRecord(row: ConnectionsTable): ConnectionRecord {
  return {
    id: row.id,
    name: row.name,
    orgId: row.org_id,
    sites: fromJsonColumn<ConnectionSite[]>(row.sites),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
