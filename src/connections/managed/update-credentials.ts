import type { Kysely } from 'kysely';
import { toJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import { getConnection, saveConnection } from '../../inventory/connections.ts';
import type { SyncTarget } from '../../sync/sync-target.ts';
import { connect } from '../connect.ts';
import {
  type ApiTokenBundle,
  loadCredential,
  type OAuthBundle,
  type ReadBundle,
  saveCredential,
} from '../credentials/credential-store.ts';
import { ManagedConnectionError } from './connection-errors.ts';
import { activeProfile } from './connection-profile.ts';
import type { ManagedConnectionDeps } from './managed-deps.ts';
import { type PermissionEntry, permissionCheck } from './permission-check.ts';
import { verifyTokenBundle } from './verify-token.ts';

// Changing a connection's credentials, and reconnecting it with the ones it has: the credential
// is verified against Atlassian first, and only a credential that works replaces the stored one
// (one transaction with the profile's permission check); a failure leaves everything as it was.
// For an OAuth connection this is where the API token for UPM is pasted: it is merged into the
// grant's bundle after it proved itself on the connection's sites.

export interface CredentialPatch {
  adminEmail?: string | undefined;
  apiToken?: string | undefined;
  orgApiKey?: string | undefined;
  /** A Bitbucket workspace's access token (connections of kind `bitbucket` only). */
  accessToken?: string | undefined;
  /** A Data Center instance's personal access token (connections of kind `data-center` only). */
  personalAccessToken?: string | undefined;
  /** A Data Center instance's new address: verified to be the same instance (its own base URL). */
  baseUrl?: string | undefined;
}

export interface Reverified {
  permissions: PermissionEntry[];
}

export async function updateCredentials(
  deps: ManagedConnectionDeps,
  connectionId: string,
  patch: CredentialPatch,
  by: string | null,
): Promise<Reverified> {
  const profile = await activeProfile(deps.db, connectionId);
  const stored = await loadCredential(deps.db, deps.secretBox, connectionId, 'read');
  const { accessToken, personalAccessToken, baseUrl, ...rest } = patch;
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (profile.method === 'oauth') {
    if (stored?.bundle.method !== 'oauth') {
      throw new ManagedConnectionError(
        'connection_not_found',
        `connection ${connectionId} has no OAuth grant`,
        {
          fix: 'reconnect it to give consent again',
        },
      );
    }
    const merged: OAuthBundle = { ...stored.bundle, ...given };
    return reverifyOAuth(deps, connectionId, merged, by);
  }
  const base: ApiTokenBundle =
    stored?.bundle.method === 'api-token' ? stored.bundle : { method: 'api-token' };
  if (accessToken !== undefined && !base.bitbucket) {
    throw new ManagedConnectionError(
      'invalid_input',
      `connection ${connectionId} is no Bitbucket workspace: an accessToken opens nothing here`,
    );
  }
  if ((personalAccessToken !== undefined || baseUrl !== undefined) && !base.dataCenter) {
    throw new ManagedConnectionError(
      'invalid_input',
      `connection ${connectionId} is no Data Center instance: a personalAccessToken or baseUrl opens nothing here`,
    );
  }
  const bitbucket =
    base.bitbucket && accessToken !== undefined ? { ...base.bitbucket, accessToken } : base.bitbucket;
  const dataCenter = base.dataCenter
    ? {
        ...base.dataCenter,
        ...(personalAccessToken !== undefined ? { personalAccessToken } : {}),
        ...(baseUrl !== undefined ? { baseUrl } : {}),
      }
    : undefined;
  return reverifyToken(
    deps,
    connectionId,
    { ...base, ...given, ...(bitbucket ? { bitbucket } : {}), ...(dataCenter ? { dataCenter } : {}) },
    by,
  );
}

/** Verifies the stored token credential again (a reconnect); nothing changes when it fails. */
export async function reverifyStored(
  deps: ManagedConnectionDeps,
  connectionId: string,
  by: string | null,
): Promise<Reverified> {
  await activeProfile(deps.db, connectionId);
  const stored = await loadCredential(deps.db, deps.secretBox, connectionId, 'read');
  if (stored?.bundle.method !== 'api-token') {
    throw new ManagedConnectionError(
      'missing_credentials',
      `connection ${connectionId} has no stored API token`,
      {
        fix: `give one with PUT /api/v1/connections/${connectionId}/credentials`,
      },
    );
  }
  return reverifyToken(deps, connectionId, stored.bundle, by);
}

async function reverifyToken(
  deps: ManagedConnectionDeps,
  connectionId: string,
  bundle: ApiTokenBundle,
  by: string | null,
): Promise<Reverified> {
  const verified = await verifyTokenBundle(bundle, deps);
  sameConnection(connectionId, verified.connected.target);
  await store(deps, connectionId, verified.bundle, verified.connected.target, verified.permissions, by);
  return { permissions: verified.permissions };
}

async function reverifyOAuth(
  deps: ManagedConnectionDeps,
  connectionId: string,
  bundle: OAuthBundle,
  by: string | null,
): Promise<Reverified> {
  // The grant itself is not re-tried here (the scan refreshes it); what is new is the API token
  // (and the org key): discovery with them on the grant's sites proves they work.
  if (!(bundle.adminEmail && bundle.apiToken) && !bundle.orgApiKey) {
    throw new ManagedConnectionError(
      'missing_credentials',
      'give adminEmail and apiToken (for UPM), or orgApiKey',
    );
  }
  const connected = await connect(
    {
      sites: bundle.siteUrls,
      ...(bundle.adminEmail && bundle.apiToken
        ? { siteCredential: { email: bundle.adminEmail, apiToken: bundle.apiToken } }
        : {}),
      ...(bundle.orgApiKey ? { org: { id: bundle.orgId, apiKey: bundle.orgApiKey } } : {}),
    },
    deps,
  );
  const permissions = permissionCheck(connected.target);
  await store(deps, connectionId, bundle, undefined, permissions, by);
  return { permissions };
}

function sameConnection(connectionId: string, target: SyncTarget): void {
  if (target.id !== connectionId) {
    throw new ManagedConnectionError(
      'discovery_failed',
      `the credential reads ${target.name} (${target.id}), not connection ${connectionId}`,
      {
        fix: 'give a credential of this connection’s organization, or add the other one as a new connection',
      },
    );
  }
}

async function store(
  deps: ManagedConnectionDeps,
  connectionId: string,
  bundle: ReadBundle,
  target: SyncTarget | undefined,
  permissions: PermissionEntry[],
  by: string | null,
): Promise<void> {
  const at = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    await saveCredential(tx, deps.secretBox, { connectionId, purpose: 'read', bundle, by, now: at });
    if (target) await refreshSites(tx, target, at);
    await tx
      .updateTable('connection_profiles')
      .set({
        permissions: toJsonColumn(permissions),
        permissions_checked_at: at.toISOString(),
        // The credential works again: whatever problem a refresh or a scan found is for the next scan to tell.
        error_reason: null,
        error_at: null,
        updated_at: at.toISOString(),
      })
      .where('connection_id', '=', connectionId)
      .execute();
  });
}

/** A verified credential may see renamed sites or new products: the connection follows. */
async function refreshSites(db: Kysely<Database>, target: SyncTarget, at: Date): Promise<void> {
  const current = await getConnection(db, target.id);
  await saveConnection(
    db,
    { id: target.id, name: target.name, orgId: target.orgId ?? current?.orgId ?? null, sites: target.sites },
    at,
  );
}
