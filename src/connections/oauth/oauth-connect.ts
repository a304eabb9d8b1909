import type { Kysely } from 'kysely';
import { createAtlassianClient } from '../../atlassian/client.ts';
import type { OAuthCredential, OAuthTokens } from '../../atlassian/credentials.ts';
import type { BaseUrls } from '../../atlassian/urls.ts';
import type { Database } from '../../db/schema.ts';
import { PalisadeError } from '../../errors.ts';
import { getConnection, saveConnection } from '../../inventory/connections.ts';
import { connectionIdFor } from '../connection-id.ts';
import { loadCredential, type OAuthBundle, saveCredential } from '../credentials/credential-store.ts';
import type { SecretBox } from '../credentials/secret-box.ts';
import { discoverConnection } from '../discover.ts';

// The end of Zscaler's consent flow: the authorization code exchanged for tokens, the sites the
// grant reaches (accessible-resources), each site probed with the new credential (discovery), and
// the connection created — or, for a reconnect, its tokens replaced — in one transaction with its
// profile and its sealed credential. The code and tokens never leave this module but sealed.

export interface OAuthConnectDeps {
  db: Kysely<Database>;
  secretBox: SecretBox;
  allowHosts: readonly string[];
  baseUrls: BaseUrls;
  now: () => Date;
  client: { clientId: string; clientSecret: string; redirectUrl: string };
}

/** Why the consent could not be completed; `code` goes to the Integrations page's `?error=`. */
export class OAuthConnectError extends PalisadeError {
  override readonly name = 'OAuthConnectError';
  readonly code: 'oauth_exchange_failed' | 'oauth_no_sites' | 'connection_not_found';
  constructor(code: OAuthConnectError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export interface OAuthConnected {
  connectionId: string;
  created: boolean;
  sites: string[];
}

const DISCOVERY_OPTIONS = { maxAttempts: 3 };

export async function completeConsent(
  deps: OAuthConnectDeps,
  input: { code: string; connectionId: string | null; by: string },
): Promise<OAuthConnected> {
  let tokens = await exchangeCode(deps, input.code);
  const credential = (): OAuthCredential => ({
    kind: 'oauth',
    clientId: deps.client.clientId,
    clientSecret: deps.client.clientSecret,
    tokens,
    // Discovery is minutes at most inside an hour-long token; should it refresh, keep the rotated
    // tokens: they are what gets sealed below.
    onTokens: (next) => {
      tokens = next;
    },
  });
  const siteUrls = await accessibleSites(deps, credential());
  if (siteUrls.length === 0) {
    throw new OAuthConnectError('oauth_no_sites', 'the consent granted access to no site');
  }
  const discovered = await discoverConnection({
    sites: siteUrls,
    credentials: { site: credential() },
    allowHosts: deps.allowHosts,
    baseUrls: deps.baseUrls,
    options: DISCOVERY_OPTIONS,
  });
  const sites = discovered.sites;
  const now = deps.now();
  return deps.db.transaction().execute(async (tx) => {
    const existingId = input.connectionId ?? connectionIdFor(undefined, sites);
    const existing = await getConnection(tx, existingId);
    if (input.connectionId && !existing) {
      throw new OAuthConnectError(
        'connection_not_found',
        `connection ${input.connectionId} no longer exists`,
      );
    }
    const previous = existing ? await loadCredential(tx, deps.secretBox, existingId, 'read') : undefined;
    const kept = previous?.bundle;
    // A reconnect keeps what was pasted next to the grant (the API token for UPM, the org key).
    const bundle: OAuthBundle = {
      method: 'oauth',
      tokens,
      siteUrls: sites.map((s) => s.url),
      adminEmail: kept?.adminEmail,
      apiToken: kept?.apiToken,
      orgApiKey: kept?.orgApiKey,
      orgId: kept?.orgId ?? existing?.orgId ?? undefined,
    };
    const first = sites[0];
    await saveConnection(
      tx,
      {
        id: existingId,
        name: existing?.name ?? (first ? new URL(first.url).host : 'Atlassian'),
        orgId: existing?.orgId ?? null,
        // A reconnect that reaches more sites extends the connection; fewer never shrinks it here
        // (the next scan reports the sites it can no longer read).
        sites: mergeSites(existing?.sites ?? [], sites),
      },
      now,
    );
    const at = now.toISOString();
    await tx
      .insertInto('connection_profiles')
      .values({
        connection_id: existingId,
        method: 'oauth',
        first_connected_at: at,
        first_connected_by: input.by,
        state: 'active',
        error_reason: null,
        error_at: null,
        scan_interval_seconds: null,
        next_scan_at: null,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .column('connection_id')
          .doUpdateSet({ method: 'oauth', error_reason: null, error_at: null, updated_at: at }),
      )
      .execute();
    await saveCredential(tx, deps.secretBox, {
      connectionId: existingId,
      purpose: 'read',
      bundle,
      by: input.by,
      now,
    });
    return { connectionId: existingId, created: !existing, sites: sites.map((s) => s.url) };
  });
}

function mergeSites<S extends { cloudId: string }>(old: readonly S[], found: readonly S[]): S[] {
  const byId = new Map(old.map((s) => [s.cloudId, s]));
  for (const s of found) byId.set(s.cloudId, s);
  return [...byId.values()];
}

interface TokenAnswer {
  access_token: string;
  refresh_token?: string | undefined;
  expires_in?: number | undefined;
  scope?: string | undefined;
}

async function exchangeCode(deps: OAuthConnectDeps, code: string): Promise<OAuthTokens> {
  const api = createAtlassianClient({
    credentials: {},
    allowHosts: deps.allowHosts,
    baseUrls: deps.baseUrls,
  });
  try {
    const answer = (await api.call('oauth.token.exchange', {
      anonymous: true,
      body: {
        grant_type: 'authorization_code',
        client_id: deps.client.clientId,
        client_secret: deps.client.clientSecret,
        code,
        redirect_uri: deps.client.redirectUrl,
      },
    })) as TokenAnswer;
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? null,
      expiresAt: deps.now().getTime() + (answer.expires_in ?? 3600) * 1000,
      scopes: (answer.scope ?? '').split(/\s+/).filter(Boolean),
    };
  } catch (error) {
    throw new OAuthConnectError(
      'oauth_exchange_failed',
      `Atlassian did not exchange the authorization code: ${error instanceof Error ? error.message : 'unknown error'}`,
      { cause: error },
    );
  } finally {
    await api.close();
  }
}

/** The sites the grant reaches, once each (accessible-resources lists a site once per product). */
async function accessibleSites(deps: OAuthConnectDeps, credential: OAuthCredential): Promise<string[]> {
  const api = createAtlassianClient({
    credentials: { site: credential },
    allowHosts: deps.allowHosts,
    baseUrls: deps.baseUrls,
    now: () => deps.now().getTime(),
  });
  try {
    const resources = await api.call('oauth.accessibleResources.list', {});
    return [...new Set(resources.map((r) => new URL(r.url).origin))];
  } catch (error) {
    throw new OAuthConnectError(
      'oauth_exchange_failed',
      `Atlassian did not list the sites of the grant: ${error instanceof Error ? error.message : 'unknown error'}`,
      { cause: error },
    );
  } finally {
    await api.close();
  }
}
