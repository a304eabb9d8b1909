import type { AuthKind } from '../../src/atlassian/catalogue/index.ts';
import type { OAuthGrant, SimState } from '../core/state.ts';
import type { BitbucketAccessToken, BitbucketWorkspace } from '../tenant/bitbucket-model.ts';
import type { DcSite, DcToken, DcUser } from '../tenant/data-center-model.ts';
import type { ApiToken, OrgApiKey, User } from '../tenant/model.ts';
import { SimError } from './errors.ts';

export type Principal =
  | { kind: 'anonymous'; credentialId: string }
  | { kind: 'basic'; credentialId: string; user: User; token: ApiToken }
  | { kind: 'oauth'; credentialId: string; user: User; grant: OAuthGrant }
  | { kind: 'org-key'; credentialId: string; key: OrgApiKey }
  /** A Data Center personal access token: valid only on the site that issued it. */
  | { kind: 'pat'; credentialId: string; site: DcSite; user: DcUser; token: DcToken }
  | {
      kind: 'access-token';
      credentialId: string;
      workspace: BitbucketWorkspace;
      token: BitbucketAccessToken;
    };

const unauthenticated = (message = 'Client must be authenticated to access this resource.') =>
  new SimError(401, message);

/**
 * Resolves the caller from the Authorization header the way production does: no header is the
 * anonymous user (where the endpoint allows it), any presented credential must be valid (a wrong
 * one is a 401, never a silent fall-back to anonymous).
 */
export function authenticate(
  state: SimState,
  header: string | undefined,
  allowed: readonly AuthKind[],
  remoteAddress: string,
  now: number,
  through: 'site' | 'gateway' | 'bitbucket' = 'site',
): Principal {
  if (!header) {
    if (allowed.includes('anonymous')) return { kind: 'anonymous', credentialId: `anon:${remoteAddress}` };
    throw unauthenticated();
  }
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'basic') {
    if (!allowed.includes('basic'))
      throw unauthenticated('Basic authentication is not supported on this resource.');
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) throw unauthenticated();
    const email = decoded.slice(0, colon).toLowerCase();
    const secret = decoded.slice(colon + 1);
    const token = state.tokensBySecret.get(secret);
    const user = state.usersByEmail.get(email);
    if (!token || !user || token.accountId !== user.accountId || token.revoked) throw unauthenticated();
    if (token.expiry && Date.parse(token.expiry) <= now) throw unauthenticated();
    if (user.accountStatus !== 'active') throw unauthenticated();
    // Tokens with scopes work through the gateway only, classic tokens on the site host only
    // (https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/).
    // Bitbucket (api.bitbucket.org) takes both (https://support.atlassian.com/bitbucket-cloud/docs/using-api-tokens/).
    if (through !== 'bitbucket' && (token.scopes !== undefined) !== (through === 'gateway')) {
      throw unauthenticated();
    }
    token.lastAccess = new Date(now).toISOString();
    return { kind: 'basic', credentialId: `token:${token.id}`, user, token };
  }
  if (scheme?.toLowerCase() === 'bearer') {
    if (allowed.includes('access-token')) {
      const found = state.bitbucketTokensBySecret.get(value);
      if (found && !found.token.revoked) {
        return { kind: 'access-token', credentialId: `bbtoken:${found.token.id}`, ...found };
      }
      // Bitbucket's answer to an unknown, revoked or expired token.
      throw unauthenticated('Token is invalid, expired, or not supported for this endpoint.');
    }
    if (allowed.includes('org-key')) {
      const key = state.orgKeysBySecret.get(value);
      if (key && !key.revoked && (!key.expiry || Date.parse(key.expiry) > now)) {
        key.lastUsed = new Date(now).toISOString();
        return { kind: 'org-key', credentialId: `orgkey:${key.id}`, key };
      }
    }
    if (allowed.includes('pat')) {
      // Data Center PATs (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html):
      // an expired, revoked or deactivated holder's token is a 401, as a wrong one is.
      const found = state.dcTokensBySecret.get(value);
      if (
        found?.user?.active &&
        !found.token.revoked &&
        (found.token.expiresAt === null || Date.parse(found.token.expiresAt) > now)
      ) {
        return {
          kind: 'pat',
          credentialId: `pat:${found.token.id}`,
          site: found.site,
          user: found.user,
          token: found.token,
        };
      }
    }
    if (allowed.includes('oauth')) {
      const access = state.oauthAccessTokens.get(value);
      const grant = access && state.oauthGrants.get(access.grantId);
      const user = grant && state.usersById.get(grant.accountId);
      if (
        access &&
        grant &&
        user &&
        !grant.revoked &&
        access.expiresAt > now &&
        user.accountStatus === 'active'
      ) {
        return { kind: 'oauth', credentialId: `grant:${grant.id}`, user, grant };
      }
    }
    throw unauthenticated(allowed.includes('org-key') ? 'Unauthorized' : undefined);
  }
  throw unauthenticated();
}

/** Revokes whatever credential the principal used (the "token revoked mid-sync" fault). */
export function revokeCredential(principal: Principal): void {
  if (principal.kind === 'basic') principal.token.revoked = true;
  else if (principal.kind === 'oauth') principal.grant.revoked = true;
  else if (principal.kind === 'org-key') principal.key.revoked = true;
  else if (principal.kind === 'pat') principal.token.revoked = true;
  else if (principal.kind === 'access-token') principal.token.revoked = true;
}
