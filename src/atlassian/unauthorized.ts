import { type AuthKind, type Endpoint, endpoints } from './catalogue/index.ts';
import {
  AnonymousRefusedError,
  CredentialRejectedError,
  type ErrorSite,
  ForbiddenError,
  type Refusal,
} from './errors.ts';

// What a 401 from Atlassian means. Atlassian answers 401 in everyday cases where the credential
// is fine, so a 401 is a revoked credential only when nothing else explains it:
// - to a call made without credentials: the site refuses anonymous callers (anonymous access, or
//   Confluence's "Anonymous access to remote API", is off) — a fact about the site;
// - "Unauthorized; scope does not match" (the api.atlassian.com gateway, with the header
//   `X-Failure-Category: FAILURE_CLIENT_SCOPE_CHECK`): the OAuth or scoped token lacks a scope the
//   endpoint needs — forbidden, naming the endpoint's scopes
//   (https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/);
// - anything else is a CredentialRejectedError, which may still be a working credential refused
//   for another reason (UPM answers "Must have permission to access this resource." to a user who
//   is not an admin): a canary call with the same credential decides (credential-canary.ts), and
//   `refusedDespiteWorkingCredential` says what the 401 meant when the canary passes.

const SCOPE_MISMATCH = /scope does not match/i;
const SCOPE_CHECK_FAILURE = 'FAILURE_CLIENT_SCOPE_CHECK';

/** What Palisade asks for when UPM refuses a working credential. */
export const SITE_ADMIN = 'site administrator';

export interface UnauthorizedCall {
  endpoint: Endpoint;
  authKind: AuthKind;
  /** The message in Atlassian's answer, already redacted. */
  message: string | undefined;
  /** The `X-Failure-Category` response header, if any. */
  failureCategory?: string | undefined;
  /** OAuth: the scopes the token was granted. */
  granted?: readonly string[] | undefined;
}

/**
 * The error a 401 is at once: the anonymous caller refused, or a missing scope. Undefined when
 * it is a refused credential (an OAuth client may then refresh and retry once, and the caller
 * throws `credentialRejected`).
 */
export function unauthorizedError(
  site: ErrorSite,
  call: UnauthorizedCall,
): AnonymousRefusedError | ForbiddenError | undefined {
  if (call.authKind === 'anonymous') return new AnonymousRefusedError(site, call.message);
  if (call.failureCategory === SCOPE_CHECK_FAILURE || SCOPE_MISMATCH.test(call.message ?? '')) {
    return missingScope(site, call);
  }
  return undefined;
}

export function credentialRejected(site: ErrorSite, call: UnauthorizedCall): CredentialRejectedError {
  const refusal: Refusal = { authKind: call.authKind, serverMessage: call.message };
  return new CredentialRejectedError(site, undefined, refusal);
}

function missingScope(site: ErrorSite, call: UnauthorizedCall): ForbiddenError {
  const declared = call.endpoint.oauthScopes;
  const lacking = call.granted ? declared.filter((s) => !call.granted?.includes(s)) : [];
  const missing = lacking.length > 0 ? lacking : declared;
  const said = `Atlassian answered 401 "${call.message ?? 'scope does not match'}"`;
  const token = call.authKind === 'oauth' ? 'the OAuth token' : 'the token';
  if (missing.length === 0) {
    return new ForbiddenError(site, `${token}'s scopes do not cover this endpoint (${said})`, []);
  }
  const plural = missing.length > 1 ? 's' : '';
  const fix =
    call.authKind === 'oauth'
      ? `reconnect granting ${plural ? 'them' : 'it'}`
      : `give the token ${plural ? 'these scopes' : 'this scope'}`;
  return new ForbiddenError(
    site,
    `${token} lacks the scope${plural} ${missing.join(', ')} (${said}) — ${fix}`,
    missing,
  );
}

/** A 401 as the sync and the actions see it: where it happened and what Atlassian said. */
export type RefusedCall = Pick<
  CredentialRejectedError,
  'endpointId' | 'method' | 'url' | 'status' | 'serverMessage'
>;

/**
 * What a 401 meant once a canary call (`via`) showed the same credential working: for UPM, that
 * the account is not a site administrator (UPM answers them "Must have permission to access this
 * resource.", docs/atlassian/API.md §c.1); elsewhere, that the account may not use the endpoint.
 */
export function refusedDespiteWorkingCredential(refused: RefusedCall, via: string): ForbiddenError {
  const site: ErrorSite = {
    endpointId: refused.endpointId,
    method: refused.method,
    url: refused.url,
    status: refused.status,
  };
  const said = refused.serverMessage ? ` "${refused.serverMessage}"` : '';
  const product = endpoints.find((e) => e.id === refused.endpointId)?.product;
  if (product === 'upm') {
    return new ForbiddenError(
      site,
      `the account is not a site administrator: the Universal Plugin Manager answered 401${said}, while the ` +
        `same credential works (${via})`,
      [SITE_ADMIN],
    );
  }
  return new ForbiddenError(
    site,
    `Atlassian answered 401${said} although the same credential works (${via}): the account may not use this endpoint`,
    refused.serverMessage ? [refused.serverMessage] : [],
  );
}
