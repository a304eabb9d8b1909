import type { Kysely } from 'kysely';
import { createAtlassianClient } from '../../atlassian/client.ts';
import type { Credentials, OAuthCredential, OAuthTokens } from '../../atlassian/credentials.ts';
import { AtlassianError, CredentialRejectedError } from '../../atlassian/errors.ts';
import { dialectOf } from '../../db/dialect-of.ts';
import type { Database } from '../../db/schema.ts';
import type { SyncTarget } from '../../sync/sync-target.ts';
import { type OAuthBundle, type ReadBundle, saveCredential } from '../credentials/credential-store.ts';
import { discoverConnection } from '../discover.ts';
import type { ManagedScanDeps } from '../managed/scan-request.ts';

// The target of an OAuth connection's scan. Atlassian's refresh tokens rotate, and presenting a
// spent one revokes the whole grant, so:
// - before the scan starts, the tokens are refreshed under the stored row's lock (`FOR UPDATE` on
//   PostgreSQL; SQLite is one process): a process that waited finds the tokens another one
//   refreshed and uses them instead of refreshing again;
// - rotated tokens (a refresh during the scan, which the scan lease keeps to one per connection)
//   are stored in a transaction before the new access token is used (OAuthCredential.onTokens);
// - `invalid_grant` puts the connection in Error "Grant expired", which Reconnect clears.
// The credential hands every client it builds the latest tokens, so discovery's refresh is the
// one the sync goes on with.

/** Refresh at the start of a scan when the access token has less than this left. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export const GRANT_EXPIRED = 'Grant expired';

export interface OAuthClientSettings {
  clientId: string;
  clientSecret: string;
}

export async function oauthScanConnection(
  deps: ManagedScanDeps,
  connectionId: string,
  bundle: OAuthBundle,
): Promise<SyncTarget> {
  const client = oauthClientOf(deps);
  let tokens = await tokensForScan(deps, connectionId, bundle.tokens, client);
  const credential: OAuthCredential = {
    kind: 'oauth',
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    get tokens() {
      return tokens;
    },
    onTokens: async (next) => {
      const previous = tokens;
      await storeRotated(deps, connectionId, previous, next);
      tokens = next;
    },
  };
  const credentials: Credentials = {
    site: credential,
    ...(bundle.orgApiKey ? { orgApiKey: bundle.orgApiKey } : {}),
    // The API token pasted after the consent reads what no 3LO scope reaches (UPM's apps).
    ...(bundle.adminEmail && bundle.apiToken
      ? { siteHostToken: { kind: 'basic' as const, email: bundle.adminEmail, apiToken: bundle.apiToken } }
      : {}),
  };
  const discovered = await discoverConnection({
    sites: bundle.siteUrls,
    credentials,
    ...(bundle.orgApiKey ? { orgId: bundle.orgId ?? null } : {}),
    allowHosts: deps.allowHosts,
    baseUrls: deps.baseUrls,
  }).catch(async (error: unknown) => {
    // A token Atlassian refused mid-discovery (revoked before it expired) is refreshed by the
    // client; a refused refresh there is the same expired grant.
    if (refusedGrant(error)) await markGrantExpired(deps.db, connectionId, deps.now());
    throw error;
  });
  const first = discovered.sites[0];
  return {
    // The stored id, whatever discovery would derive: the connection's history is under it.
    id: connectionId,
    name: discovered.org?.name ?? (first ? new URL(first.url).host : 'Atlassian'),
    orgId: discovered.org?.id ?? null,
    sites: discovered.sites,
    credentials,
    access: discovered.access,
    palisadeAccountId: discovered.siteAccountId,
  };
}

/**
 * The OAuth app's client id and secret. They are settings, not part of the stored grant; the
 * scan deps carry them when the server has an OAuth app configured.
 */
function oauthClientOf(deps: ManagedScanDeps): OAuthClientSettings {
  const settings = deps.oauth;
  if (!settings) {
    throw new CredentialRejectedError(
      { endpointId: 'oauth.token.exchange', method: 'POST', url: '/oauth/token' },
      'the OAuth app is not configured (PALISADE_OAUTH_CLIENT_ID, PALISADE_OAUTH_CLIENT_SECRET)',
    );
  }
  return settings;
}

type Tx = Kysely<Database>;

/** The stored read bundle of the connection, locked for this transaction on PostgreSQL. */
async function lockedBundle(
  tx: Tx,
  deps: ManagedScanDeps,
  connectionId: string,
): Promise<ReadBundle | undefined> {
  let query = tx
    .selectFrom('connection_credentials')
    .select('ciphertext')
    .where('connection_id', '=', connectionId)
    .where('purpose', '=', 'read');
  if (dialectOf(tx) === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? (JSON.parse(deps.secretBox.open(row.ciphertext)) as ReadBundle) : undefined;
}

/** Valid tokens to start the scan with: the stored ones, refreshed under the row's lock if about to expire. */
async function tokensForScan(
  deps: ManagedScanDeps,
  connectionId: string,
  loaded: OAuthTokens,
  client: OAuthClientSettings,
): Promise<OAuthTokens> {
  const fresh = (t: OAuthTokens) => t.expiresAt - REFRESH_MARGIN_MS > deps.now().getTime();
  if (fresh(loaded)) return loaded;
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const stored = await lockedBundle(tx, deps, connectionId);
      if (stored?.method !== 'oauth') throw new Error(`connection ${connectionId} has no OAuth grant stored`);
      // Another process refreshed while this one waited for the lock: use its tokens.
      if (fresh(stored.tokens)) return stored.tokens;
      const next = await refreshTokens(deps, stored.tokens, client);
      await saveCredential(tx, deps.secretBox, {
        connectionId,
        purpose: 'read',
        bundle: { ...stored, tokens: next },
        by: null,
        now: deps.now(),
      });
      return next;
    });
  } catch (error) {
    if (refusedGrant(error)) await markGrantExpired(deps.db, connectionId, deps.now());
    throw error;
  }
}

/** Stores tokens rotated during the scan, unless the stored grant was replaced meanwhile (a reconnect). */
async function storeRotated(
  deps: ManagedScanDeps,
  connectionId: string,
  previous: OAuthTokens,
  next: OAuthTokens,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const stored = await lockedBundle(tx, deps, connectionId);
    if (stored?.method !== 'oauth') return;
    if (stored.tokens.refreshToken !== previous.refreshToken) return;
    await saveCredential(tx, deps.secretBox, {
      connectionId,
      purpose: 'read',
      bundle: { ...stored, tokens: next },
      by: null,
      now: deps.now(),
    });
  });
}

const TOKEN_SITE = { endpointId: 'oauth.token.exchange', method: 'POST', url: '/oauth/token' };

/**
 * One refresh, sent once (a retry of a refresh that reached Atlassian would present a spent token
 * and revoke the grant). A refusal is CredentialRejectedError naming `invalid_grant`.
 */
async function refreshTokens(
  deps: ManagedScanDeps,
  current: OAuthTokens,
  client: OAuthClientSettings,
): Promise<OAuthTokens> {
  if (!current.refreshToken) {
    throw new CredentialRejectedError(
      TOKEN_SITE,
      'the access token expired and there is no refresh token (offline_access was not granted)',
    );
  }
  const api = createAtlassianClient({
    credentials: {},
    allowHosts: deps.allowHosts,
    baseUrls: deps.baseUrls,
    options: { maxAttempts: 1 },
  });
  try {
    const answer = (await api.call('oauth.token.exchange', {
      anonymous: true,
      body: {
        grant_type: 'refresh_token',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        refresh_token: current.refreshToken,
      },
    })) as { access_token: string; refresh_token?: string; expires_in?: number; scope?: string };
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? current.refreshToken,
      expiresAt: deps.now().getTime() + (answer.expires_in ?? 3600) * 1000,
      scopes: answer.scope ? answer.scope.split(/\s+/).filter(Boolean) : current.scopes,
    };
  } catch (error) {
    if (error instanceof AtlassianError && [400, 401, 403].includes(error.status ?? 0)) {
      throw new CredentialRejectedError(
        { ...TOKEN_SITE, status: error.status },
        'token refresh refused: invalid_grant',
      );
    }
    throw error;
  } finally {
    await api.close();
  }
}

/** Whether an error is, or was caused by, Atlassian refusing the grant's refresh token. */
export function refusedGrant(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof CredentialRejectedError && /token refresh refused|no refresh token/.test(e.message))
      return true;
  }
  return false;
}

/** The connection shows Error "Grant expired" with Reconnect until a new consent replaces the grant. */
export async function markGrantExpired(db: Kysely<Database>, connectionId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('connection_profiles')
    .set({ error_reason: GRANT_EXPIRED, error_at: at, updated_at: at })
    .where('connection_id', '=', connectionId)
    .execute();
}
