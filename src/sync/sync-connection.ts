import type { Kysely } from 'kysely';
import { type AtlassianClientDeps, createAtlassianClient } from '../atlassian/client.ts';
import type { Database } from '../db/schema.ts';
import { saveConnection } from '../inventory/connections.ts';
import { getMarketplaceApp, putMarketplaceApp } from '../inventory/marketplace-cache.ts';
import type { Collector } from './collector.ts';
import { defaultCollectors, type MarketplaceCache } from './collectors/index.ts';
import { runSync, type SyncProgress, type SyncResult } from './run-sync.ts';
import type { SyncTarget } from './sync-target.ts';

// One call that syncs a connection end to end: records the connection, builds its API client
// (one per connection, so its rate limiters and concurrency cap are the tenant's), runs every
// collector through the run engine, and closes the client. The CLI, the server's jobs, the
// integration tests and the benchmark all go through here.

export interface SyncConnectionDeps {
  db: Kysely<Database>;
  connection: SyncTarget;
  /** Operator-allowed extra hosts (src/config PALISADE_ALLOW_HOSTS). */
  allowHosts: readonly string[];
  /** The simulator's listeners, or another non-default Atlassian base URL. */
  baseUrls?: AtlassianClientDeps['baseUrls'];
  clientOptions?: AtlassianClientDeps['options'];
  collectorOptions?: Omit<Parameters<typeof defaultCollectors>[0], 'marketplaceCache'>;
  /** Replace the default collectors (tests, partial syncs). */
  collectors?: readonly Collector[];
  now?: () => Date;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

export interface ConnectionSyncResult extends SyncResult {
  /** API calls made, retries and 429s met (from the connector). */
  api: { calls: number; retries: number; rateLimited: number };
}

/** The store's Marketplace cache in the shape the Marketplace collector takes. */
export function storeMarketplaceCache(db: Kysely<Database>, now: () => Date): MarketplaceCache {
  return {
    get: async (appKey, version) => (await getMarketplaceApp(db, appKey, version))?.data,
    put: (appKey, version, answer) => putMarketplaceApp(db, { appKey, version, data: answer }, now()),
  };
}

export async function syncConnection(deps: SyncConnectionDeps): Promise<ConnectionSyncResult> {
  const now = deps.now ?? (() => new Date());
  const { connection } = deps;
  await saveConnection(deps.db, connection, now());
  const api = createAtlassianClient({
    credentials: connection.credentials,
    allowHosts: deps.allowHosts,
    ...(deps.baseUrls ? { baseUrls: deps.baseUrls } : {}),
    ...(deps.clientOptions ? { options: deps.clientOptions } : {}),
  });
  const collectors =
    deps.collectors ??
    defaultCollectors({
      palisadeAccountId: connection.palisadeAccountId,
      ...deps.collectorOptions,
      marketplaceCache: storeMarketplaceCache(deps.db, now),
    });
  try {
    const result = await runSync({
      db: deps.db,
      api,
      collectors,
      connection: {
        id: connection.id,
        orgId: connection.orgId,
        sites: connection.sites,
        ...(connection.access ? { access: connection.access } : {}),
      },
      now,
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    return { ...result, api: api.stats() };
  } finally {
    await api.close();
  }
}
