import type { Kysely } from 'kysely';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';

// Marketplace listings change with an app's version, not between syncs, so they are cached per
// (app key, version) and shared by every connection: a resync asks the Marketplace only about
// versions it has not seen.

export interface MarketplaceEntry<T = unknown> {
  appKey: string;
  version: string;
  fetchedAt: string;
  data: T;
}

export async function getMarketplaceApp<T = unknown>(
  db: Kysely<Database>,
  appKey: string,
  version: string,
): Promise<MarketplaceEntry<T> | undefined> {
  const row = await db
    .selectFrom('marketplace_apps')
    .selectAll()
    .where('app_key', '=', appKey)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    appKey: row.app_key,
    version: row.version,
    fetchedAt: row.fetched_at,
    data: fromJsonColumn<T>(row.data),
  };
}

export async function putMarketplaceApp(
  db: Kysely<Database>,
  entry: { appKey: string; version: string; data: unknown },
  now: Date,
): Promise<void> {
  const data = toJsonColumn(entry.data);
  const fetchedAt = now.toISOString();
  await db
    .insertInto('marketplace_apps')
    .values({ app_key: entry.appKey, version: entry.version, fetched_at: fetchedAt, data })
    .onConflict((oc) => oc.columns(['app_key', 'version']).doUpdateSet({ fetched_at: fetchedAt, data }))
    .execute();
}
