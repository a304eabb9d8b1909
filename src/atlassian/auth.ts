import type { AuthKind, Endpoint } from './catalogue/index.ts';
import type { Credentials } from './credentials.ts';
import { CredentialMissingError, type ErrorSite, ForbiddenError, InvalidCallError } from './errors.ts';
import type { OAuthSession } from './oauth-session.ts';
import { basicValue } from './redact.ts';
import type { AuthProvider } from './transport.ts';
import { servedThroughGateway } from './urls.ts';

// Which credential a call uses, from the catalogue's auth kinds and what the connection holds:
// the site credential for site endpoints (a classic API token on the site host, a scoped API
// token or an OAuth token through the gateway), the org API key for the admin API, nothing for
// anonymous probes and the Marketplace's public reads.

export interface ResolvedAuth {
  provider: AuthProvider;
  /** Site endpoints: the site's own URL, or the gateway for OAuth and scoped API tokens. */
  via: 'site' | 'gateway';
}

const anonymous: AuthProvider = { kind: 'anonymous', header: async () => undefined };

function bearer(kind: AuthKind, secret: string): AuthProvider {
  const value = `Bearer ${secret}`;
  return { kind, header: async () => value };
}

function oauthProvider(session: OAuthSession): AuthProvider {
  return {
    kind: 'oauth',
    header: async () => `Bearer ${await session.accessToken()}`,
    recover: async (used) => {
      await session.refresh((used ?? '').replace(/^Bearer /, ''));
    },
    grantedScopes: () => session.scopes(),
  };
}

/** What a scan with a scoped API token must add to read what lives on the site host only. */
export const CLASSIC_SITE_TOKEN = 'a classic API token (without scopes) of a site admin';

const SITE_HOST_ONLY: Partial<Record<Endpoint['product'], string>> = {
  upm: 'the Universal Plugin Manager (installed apps)',
  graphql: 'the GraphQL gateway (Forge apps)',
};

// UPM and the GraphQL gateway answer only on `{site}.atlassian.net`, and the site host refuses
// tokens with scopes (401), so no scoped token reaches them whatever its scopes
// (https://support.atlassian.com/confluence/kb/scoped-api-tokens-in-confluence-cloud/): said
// before any traffic, naming what to use instead.
function scopedTokenRefused(e: Endpoint, site: ErrorSite): ForbiddenError {
  const what = SITE_HOST_ONLY[e.product] ?? e.id;
  return new ForbiddenError(
    site,
    `an API token with scopes cannot call ${e.id}: ${what} is served only on the site host, which refuses scoped tokens — scan with ${CLASSIC_SITE_TOKEN} to read it`,
    [CLASSIC_SITE_TOKEN],
  );
}

export function resolveAuth(
  e: Endpoint,
  wantAnonymous: boolean,
  credentials: Credentials,
  session: OAuthSession | undefined,
  site: ErrorSite,
): ResolvedAuth {
  const named = e.auth.filter((k) => k !== 'anonymous');
  // Anonymous when asked for, and for endpoints that take no credential at all (tenant info).
  if (wantAnonymous || named.length === 0) {
    if (!e.auth.includes('anonymous')) {
      throw new InvalidCallError(
        site,
        `${e.id} cannot be called anonymously (it accepts ${e.auth.join(', ')})`,
      );
    }
    return { provider: anonymous, via: 'site' };
  }
  switch (e.host) {
    case 'site': {
      const cred = credentials.site;
      if (!cred) throw new CredentialMissingError(site, named);
      if (cred.kind === 'basic') {
        if (!e.auth.includes('basic')) {
          throw new ForbiddenError(
            site,
            `an API token cannot call ${e.id}; it needs ${named.join(' or ')}`,
            named,
          );
        }
        const value = `Basic ${basicValue(cred.email, cred.apiToken)}`;
        const provider: AuthProvider = { kind: 'basic', header: async () => value };
        if (!cred.scoped) return { provider, via: 'site' };
        // A scoped token works only through the gateway, which serves what 3LO reaches and no more.
        if (!servedThroughGateway(e)) throw scopedTokenRefused(e, site);
        return { provider, via: 'gateway' };
      }
      if (!e.auth.includes('oauth') || !session) {
        // UPM and the GraphQL gateway accept no 3LO token (no scope covers them): the classic API
        // token pasted beside the grant reads them on the site host.
        const hostToken = credentials.siteHostToken;
        if (hostToken && e.auth.includes('basic')) {
          const value = `Basic ${basicValue(hostToken.email, hostToken.apiToken)}`;
          return { provider: { kind: 'basic', header: async () => value }, via: 'site' };
        }
        throw new ForbiddenError(
          site,
          `an OAuth 2.0 (3LO) connection cannot call ${e.id}; it needs an API token (Basic auth)`,
          named,
        );
      }
      return { provider: oauthProvider(session), via: 'gateway' };
    }
    case 'api': {
      if (e.auth.includes('org-key')) {
        if (!credentials.orgApiKey) throw new CredentialMissingError(site, ['org-key']);
        return { provider: bearer('org-key', credentials.orgApiKey), via: 'site' };
      }
      if (e.auth.includes('oauth')) {
        if (!session) throw new CredentialMissingError(site, ['oauth']);
        return { provider: oauthProvider(session), via: 'site' };
      }
      return { provider: anonymous, via: 'site' };
    }
    case 'data-center':
      // Data Center takes a personal access token as Bearer, at the operator's own base URL.
      if (!credentials.dataCenterToken) throw new CredentialMissingError(site, ['pat']);
      return { provider: bearer('pat', credentials.dataCenterToken), via: 'site' };
    case 'bitbucket': {
      const cred = credentials.bitbucket;
      if (!cred) throw new CredentialMissingError(site, named);
      const value =
        cred.kind === 'basic' ? `Basic ${basicValue(cred.email, cred.apiToken)}` : `Bearer ${cred.token}`;
      return { provider: { kind: cred.kind, header: async () => value }, via: 'site' };
    }
    case 'marketplace':
    case 'auth':
      // Public reads: no credential travels to the Marketplace or the authorization server.
      if (e.auth.includes('anonymous')) return { provider: anonymous, via: 'site' };
      throw new CredentialMissingError(site, named);
  }
}
