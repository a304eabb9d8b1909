import { randomBytes, randomUUID } from 'node:crypto';
import type { OAuthGrant, SimState } from '../core/state.ts';

// Grants, authorization codes and tokens of the simulated authorization server, kept in SimState's
// OAuth maps. https://developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens/

/** Access tokens live one hour (`expires_in: 3600`). */
export const ACCESS_TOKEN_SECONDS = 3600;
/** Authorization codes are short-lived and single-use (RFC 6749 §4.1.2 recommends ≤ 10 minutes). */
export const CODE_LIFETIME_MS = 10 * 60_000;

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
}

const secret = () => randomBytes(32).toString('base64url');

/**
 * Records a person's consent. Like Atlassian, a user who authorizes the same app again on another
 * site keeps the sites authorized before: accessible-resources lists every one of them.
 */
export function createGrant(
  state: SimState,
  clientId: string,
  accountId: string,
  scopes: string[],
  siteId: string,
): OAuthGrant {
  const siteIds = new Set([siteId]);
  for (const g of state.oauthGrants.values()) {
    if (g.clientId === clientId && g.accountId === accountId && !g.revoked)
      for (const id of g.siteIds) siteIds.add(id);
  }
  const grant: OAuthGrant = {
    id: randomUUID(),
    clientId,
    accountId,
    scopes,
    siteIds: [...siteIds],
    revoked: false,
  };
  state.oauthGrants.set(grant.id, grant);
  return grant;
}

export function issueCode(state: SimState, grant: OAuthGrant, redirectUri: string, now: number): string {
  const code = secret();
  state.oauthCodes.set(code, { grantId: grant.id, redirectUri, expiresAt: now + CODE_LIFETIME_MS });
  return code;
}

/** A new access token, and a new refresh token when the grant includes `offline_access`. */
export function issueTokens(state: SimState, grant: OAuthGrant, now: number): TokenResponse {
  const accessToken = secret();
  state.oauthAccessTokens.set(accessToken, {
    token: accessToken,
    grantId: grant.id,
    expiresAt: now + ACCESS_TOKEN_SECONDS * 1000,
  });
  const response: TokenResponse = {
    access_token: accessToken,
    expires_in: ACCESS_TOKEN_SECONDS,
    token_type: 'Bearer',
    scope: grant.scopes.join(' '),
  };
  if (grant.scopes.includes('offline_access')) {
    const refreshToken = secret();
    state.oauthRefreshTokens.set(refreshToken, { grantId: grant.id, used: false });
    response.refresh_token = refreshToken;
  }
  return response;
}
