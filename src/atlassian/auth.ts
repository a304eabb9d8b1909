import type { AuthKind, Endpoint } from './catalogue/index.ts';
import type { Credentials } from './credentials.ts';
import { CredentialMissingError, type ErrorSite, ForbiddenError, InvalidCallError } from './errors.ts';
import type { OAuthSession } from './oauth-session.ts';
import { basicValue } from './redact.ts';
import type { AuthProvider } from './transport.ts';

// Which credential a call uses, from the catalogue's auth kinds and what the connection holds:
// the site credential (Basic or OAuth) for site endpoints, the org API key for the admin API,
// nothing for anonymous probes and the Marketplace's public reads.

export interface ResolvedAuth {
  provider: AuthProvider;
  /** Site endpoints: the site's own URL, or the 3LO gateway for OAuth. */
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
        return { provider: { kind: 'basic', header: async () => value }, via: 'site' };
      }
      if (!e.auth.includes('oauth') || !session) {
        // UPM and the GraphQL gateway accept no 3LO token (no scope covers them).
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
    case 'marketplace':
    case 'auth':
      // Public reads: no credential travels to the Marketplace or the authorization server.
      if (e.auth.includes('anonymous')) return { provider: anonymous, via: 'site' };
      throw new CredentialMissingError(site, named);
  }
}
