import type { Kysely } from 'kysely';
import { type ApiTokenBundle, saveCredential } from '../../src/connections/credentials/credential-store.ts';
import type { SecretBox } from '../../src/connections/credentials/secret-box.ts';
import type { Database } from '../../src/db/schema.ts';
import { saveConnection } from '../../src/inventory/connections.ts';
import type { SyncTarget } from '../../src/sync/sync-target.ts';

// A connection as the server keeps one after "Connect" with an API token: the connection, its
// profile (active, connected by nobody) and its sealed read credential. Test fixtures seed it
// directly so that a test's scans start from a known state without the create route's checks.
export async function seedManagedConnection(
  db: Kysely<Database>,
  secretBox: SecretBox,
  options: {
    target: Pick<SyncTarget, 'id' | 'name' | 'orgId' | 'sites'>;
    bundle: ApiTokenBundle;
    now: Date;
    /** When the schedule next scans it; null: only when asked. */
    nextScanAt?: Date | null;
  },
): Promise<void> {
  const { target, now } = options;
  await saveConnection(
    db,
    { id: target.id, name: target.name, orgId: target.orgId ?? null, sites: target.sites },
    now,
  );
  await db
    .insertInto('connection_profiles')
    .values({
      connection_id: target.id,
      method: 'api-token',
      first_connected_at: now.toISOString(),
      first_connected_by: null,
      state: 'active',
      error_reason: null,
      error_at: null,
      scan_interval_seconds: null,
      next_scan_at: options.nextScanAt ? options.nextScanAt.toISOString() : null,
      updated_at: now.toISOString(),
    })
    .execute();
  await saveCredential(db, secretBox, {
    connectionId: target.id,
    purpose: 'read',
    bundle: options.bundle,
    by: null,
    now,
  });
}
