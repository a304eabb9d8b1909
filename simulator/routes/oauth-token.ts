import type { OAuthGrant, SimState } from '../core/state.ts';
import { SimError } from '../http/errors.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { OAuthClient } from '../tenant/model.ts';
import { issueTokens, type TokenResponse } from './oauth-grants.ts';
import { type Params, param } from './oauth-request.ts';

// POST https://auth.atlassian.com/oauth/token, JSON or form-encoded.
// Error statuses follow Atlassian rather than RFC 6749's 400s: the refresh-token docs give
// `403 {"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}`
// (https://developer.atlassian.com/cloud/oauth/getting-started/refresh-tokens/), and a wrong
// client secret is answered `401 {"error":"access_denied","error_description":"Unauthorized"}`
// (observed; the same code a user's denial produces, so clients must not treat it as "re-consent").

const invalidGrant = (description: string) => new SimError(403, description, { code: 'invalid_grant' });

function authenticateClient(state: SimState, body: Params): OAuthClient {
  const clientId = param(body, 'client_id');
  const clientSecret = param(body, 'client_secret');
  const client = state.tenant.oauthClients.find((c) => c.clientId === clientId);
  if (!client || !clientSecret || client.secret !== clientSecret) {
    throw new SimError(401, 'Unauthorized', { code: 'access_denied' });
  }
  return client;
}

function required(body: Params, name: string): string {
  const value = param(body, name);
  if (!value) throw new SimError(400, `Missing required parameter: ${name}`, { code: 'invalid_request' });
  return value;
}

function liveGrant(state: SimState, grantId: string, client: OAuthClient): OAuthGrant | undefined {
  const grant = state.oauthGrants.get(grantId);
  if (!grant || grant.revoked || grant.clientId !== client.clientId) return undefined;
  const user = state.usersById.get(grant.accountId);
  return user && user.accountStatus === 'active' ? grant : undefined;
}

function exchangeCode(state: SimState, client: OAuthClient, body: Params, now: number): TokenResponse {
  const code = required(body, 'code');
  const redirectUri = required(body, 'redirect_uri');
  const issued = state.oauthCodes.get(code);
  if (!issued) throw invalidGrant('Invalid authorization code');
  const grant = state.oauthGrants.get(issued.grantId);
  if (!grant || grant.clientId !== client.clientId) throw invalidGrant('Invalid authorization code');
  // Single use: whatever happens next, this code is spent (RFC 6749 §4.1.2).
  state.oauthCodes.delete(code);
  if (issued.expiresAt <= now) throw invalidGrant('Invalid authorization code');
  if (issued.redirectUri !== redirectUri) {
    throw invalidGrant('The redirect_uri does not match the one used in the authorization request.');
  }
  if (!liveGrant(state, grant.id, client)) throw invalidGrant('Invalid authorization code');
  return issueTokens(state, grant, now);
}

/**
 * Rotating refresh tokens: each use returns a new one and disables the one presented. Presenting a
 * disabled one again looks like a stolen token, so the whole grant is revoked (reuse detection).
 */
function refresh(state: SimState, client: OAuthClient, body: Params, now: number): TokenResponse {
  const token = required(body, 'refresh_token');
  const stored = state.oauthRefreshTokens.get(token);
  if (!stored) throw invalidGrant('Unknown or invalid refresh token.');
  const grant = state.oauthGrants.get(stored.grantId);
  if (!grant || grant.clientId !== client.clientId) throw invalidGrant('Unknown or invalid refresh token.');
  if (stored.used) {
    grant.revoked = true;
    throw invalidGrant('Unknown or invalid refresh token.');
  }
  if (!liveGrant(state, grant.id, client)) throw invalidGrant('Unknown or invalid refresh token.');
  stored.used = true;
  return issueTokens(state, grant, now);
}

function token(call: Call): TokenResponse {
  const body = (call.body && typeof call.body === 'object' ? call.body : {}) as Params;
  // RFC 6749 §5.1: token responses must not be cached.
  call.responseHeaders['cache-control'] = 'no-store';
  call.responseHeaders.pragma = 'no-cache';
  const grantType = required(body, 'grant_type');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    throw new SimError(400, `Unsupported grant type: ${grantType}`, { code: 'unsupported_grant_type' });
  }
  const client = authenticateClient(call.ctx.state, body);
  return grantType === 'authorization_code'
    ? exchangeCode(call.ctx.state, client, body, call.now)
    : refresh(call.ctx.state, client, body, call.now);
}

export function tokenRoutes(r: Registrar): void {
  r.serve('oauth.token.exchange', token);
}
