import { toJsonColumn } from '../../db/json-column.ts';
import { getConnection, saveConnection } from '../../inventory/connections.ts';
import { type ApiTokenBundle, saveCredential } from '../credentials/credential-store.ts';
import { ManagedConnectionError } from './connection-errors.ts';
import type { ManagedConnectionDeps } from './managed-deps.ts';
import type { PermissionEntry } from './permission-check.ts';
import { verifyTokenBundle } from './verify-token.ts';

// Adding a connection with the token method (Palo Alto's onboarding): verified first
// (verify-token.ts), then the connection, its profile and its sealed credential are written in
// ONE transaction, so a connection is either there with everything it needs or not at all.

export interface CreatedConnection {
  connectionId: string;
  permissions: PermissionEntry[];
}

export async function createTokenConnection(
  deps: ManagedConnectionDeps,
  input: ApiTokenBundle,
  by: string | null,
): Promise<CreatedConnection> {
  const verified = await verifyTokenBundle(input, deps);
  const target = verified.connected.target;
  const at = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const existing =
      (await getConnection(tx, target.id)) ??
      (await tx
        .selectFrom('connection_profiles')
        .select('connection_id as id')
        .where('connection_id', '=', target.id)
        .executeTakeFirst());
    if (existing) {
      throw new ManagedConnectionError(
        'connection_exists',
        `${target.name} is connected already as ${target.id}`,
        {
          fix: `update its credentials (PUT /api/v1/connections/${target.id}/credentials) or reconnect it instead`,
        },
      );
    }
    await saveConnection(
      tx,
      { id: target.id, name: target.name, orgId: target.orgId ?? null, sites: target.sites },
      at,
    );
    await tx
      .insertInto('connection_profiles')
      .values({
        connection_id: target.id,
        method: 'api-token',
        first_connected_at: at.toISOString(),
        first_connected_by: by,
        state: 'active',
        error_reason: null,
        error_at: null,
        scan_interval_seconds: null,
        next_scan_at: null,
        updated_at: at.toISOString(),
        permissions: toJsonColumn(verified.permissions),
        permissions_checked_at: at.toISOString(),
      })
      .execute();
    await saveCredential(tx, deps.secretBox, {
      connectionId: target.id,
      purpose: 'read',
      bundle: verified.bundle,
      by,
      now: at,
    });
  });
  return { connectionId: target.id, permissions: verified.permissions };
}
