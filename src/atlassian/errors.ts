// Typed, coded errors for everything that can go wrong calling Atlassian. Collectors branch on
// `code` (a 403 becomes a "forbidden" dataset outcome, a rejected credential that a canary call
// confirms stops the sync with "reconnect"), so
// each failure mode has exactly one class. Every error carries where it happened (endpoint id,
// method, a credential-free URL, status) and nothing else: no request headers, no bodies, no
// `cause` chain holding request options, so neither `String(error)` nor `JSON.stringify(error)`
// can carry a token. Messages are built from already redacted details (see redact.ts).

import { type ErrorCode, PalisadeError } from '../errors.ts';
import type { AuthKind } from './catalogue/index.ts';

export type AtlassianErrorCode = Extract<
  ErrorCode,
  | 'credential_rejected'
  | 'anonymous_refused'
  | 'credential_missing'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'server_error'
  | 'network'
  | 'host_not_allowed'
  | 'response_parse'
  | 'request_rejected'
  | 'redirected'
  | 'invalid_call'
  | 'pagination'
>;

/** Where an error happened. `url` is host + path (+ harmless query), never a credential. */
export interface ErrorSite {
  endpointId: string;
  method: string;
  url: string;
  status?: number | undefined;
}

export abstract class AtlassianError extends PalisadeError {
  abstract override readonly code: AtlassianErrorCode;
  readonly endpointId: string;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;

  constructor(message: string, site: ErrorSite) {
    const where = `${site.endpointId}: ${site.method} ${site.url}${site.status ? ` → ${site.status}` : ''}`;
    super(`${message} (${where})`);
    this.endpointId = site.endpointId;
    this.method = site.method;
    this.url = site.url;
    this.status = site.status;
  }

  /**
   * Passes every text the error carries through `redact`. The client applies it to everything it
   * throws, a second line of defence behind building messages from redacted parts.
   */
  scrub(redact: (text: string) => string): this {
    this.message = redact(this.message);
    return this;
  }

  /** Only the documented fields: a logger or an API response serializing the error gets no more. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      endpointId: this.endpointId,
      method: this.method,
      url: this.url,
      status: this.status,
    };
  }
}

/** What Atlassian said with a 401, for whoever decides what the refusal means (see unauthorized.ts). */
export interface Refusal {
  /** The credential the refused call carried. */
  authKind?: AuthKind | undefined;
  /** The message in Atlassian's answer (redacted), e.g. UPM's "Must have permission to access this resource." */
  serverMessage?: string | undefined;
}

/**
 * 401: the API token, org key or OAuth grant was refused. Atlassian also answers 401 to a working
 * credential in everyday cases (UPM for a user who is not an admin, a site the grant does not
 * cover), so a caller that must tell them apart checks the credential with a canary call
 * (credential-canary.ts) before believing it revoked.
 */
export class CredentialRejectedError extends AtlassianError {
  override readonly name = 'CredentialRejectedError';
  readonly code = 'credential_rejected' as const;
  readonly authKind: AuthKind | undefined;
  serverMessage: string | undefined;

  constructor(site: ErrorSite, detail?: string, refusal: Refusal = {}) {
    super(`credential revoked or expired — reconnect${detail ? ` (${detail})` : ''}`, site);
    this.authKind = refusal.authKind;
    this.serverMessage = refusal.serverMessage;
  }

  override scrub(redact: (text: string) => string): this {
    if (this.serverMessage !== undefined) this.serverMessage = redact(this.serverMessage);
    return super.scrub(redact);
  }

  override toJSON() {
    return { ...super.toJSON(), authKind: this.authKind, serverMessage: this.serverMessage };
  }
}

/**
 * 401 to a call made without credentials: the site refuses anonymous callers (anonymous access,
 * or Confluence's "Anonymous access to remote API", is off). A fact about the site, not a failure
 * of any credential (https://support.atlassian.com/confluence-cloud/docs/disable-anonymous-access-to-remote-api/).
 */
export class AnonymousRefusedError extends AtlassianError {
  override readonly name = 'AnonymousRefusedError';
  readonly code = 'anonymous_refused' as const;

  constructor(site: ErrorSite, detail?: string) {
    super(`the site refuses unauthenticated calls${detail ? ` (${detail})` : ''}`, site);
  }
}

/** The connection holds no credential of the kind this endpoint needs (no org key given, say). */
export class CredentialMissingError extends AtlassianError {
  override readonly name = 'CredentialMissingError';
  readonly code = 'credential_missing' as const;
  /** The credential kinds that would do. */
  readonly needs: readonly string[];

  constructor(site: ErrorSite, needs: readonly string[]) {
    super(`no credential of a kind this endpoint accepts (${needs.join(' or ')}) was given`, site);
    this.needs = needs;
  }

  override toJSON() {
    return { ...super.toJSON(), needs: this.needs };
  }
}

/**
 * 403: the credential works but may not do this. `missing` names what is lacking: the OAuth
 * scopes the endpoint needs that the token was not granted, or the permission Atlassian names.
 */
export class ForbiddenError extends AtlassianError {
  override readonly name = 'ForbiddenError';
  readonly code = 'forbidden' as const;
  missing: readonly string[];
  reason: string;

  constructor(site: ErrorSite, reason: string, missing: readonly string[] = []) {
    super(`forbidden: ${reason}`, site);
    this.reason = reason;
    this.missing = missing;
  }

  override scrub(redact: (text: string) => string): this {
    this.reason = redact(this.reason);
    this.missing = this.missing.map(redact);
    return super.scrub(redact);
  }

  override toJSON() {
    return { ...super.toJSON(), reason: this.reason, missing: this.missing };
  }
}

export class NotFoundError extends AtlassianError {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found' as const;

  constructor(site: ErrorSite, detail?: string) {
    super(`not found${detail ? `: ${detail}` : ''}`, site);
  }
}

/** 429 (or 503 with Retry-After) after every allowed wait, or a wait longer than we accept. */
export class RateLimitedError extends AtlassianError {
  override readonly name = 'RateLimitedError';
  readonly code = 'rate_limited' as const;
  /** The last Retry-After, in milliseconds, if Atlassian sent one: when a rescheduled sync may try. */
  readonly retryAfterMs: number | undefined;

  constructor(site: ErrorSite, detail: string, retryAfterMs?: number) {
    super(`rate limited: ${detail}`, site);
    this.retryAfterMs = retryAfterMs;
  }

  override toJSON() {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** 5xx after every allowed attempt. */
export class ServerError extends AtlassianError {
  override readonly name = 'ServerError';
  readonly code = 'server_error' as const;

  constructor(site: ErrorSite, detail: string) {
    super(`Atlassian answered with a server error: ${detail}`, site);
  }
}

/** Timeouts, refused or reset connections, DNS failures, after every allowed attempt. */
export class NetworkError extends AtlassianError {
  override readonly name = 'NetworkError';
  readonly code = 'network' as const;
  /** The transport's own code (`UND_ERR_HEADERS_TIMEOUT`, `ECONNREFUSED`…), for diagnosis. */
  readonly networkCode: string | undefined;

  constructor(site: ErrorSite, detail: string, networkCode?: string) {
    super(`network failure: ${detail}`, site);
    this.networkCode = networkCode;
  }

  override toJSON() {
    return { ...super.toJSON(), networkCode: this.networkCode };
  }
}

/** The URL's host is neither Atlassian's nor allow-listed (or is Atlassian's over plain http). */
export class HostNotAllowedError extends AtlassianError {
  override readonly name = 'HostNotAllowedError';
  readonly code = 'host_not_allowed' as const;

  constructor(site: ErrorSite, reason: string) {
    super(`outbound call refused: ${reason}`, site);
  }
}

/** A success status with a body that is not the JSON it should be (truncated, HTML…). */
export class ResponseParseError extends AtlassianError {
  override readonly name = 'ResponseParseError';
  readonly code = 'response_parse' as const;

  constructor(site: ErrorSite, detail: string) {
    super(`unreadable response: ${detail}`, site);
  }
}

/** Any other 4xx (400, 405, 409, 415, 422…), or a GraphQL request the gateway refused. */
export class RequestRejectedError extends AtlassianError {
  override readonly name = 'RequestRejectedError';
  readonly code = 'request_rejected' as const;

  constructor(site: ErrorSite, detail: string) {
    super(`request rejected: ${detail}`, site);
  }
}

/**
 * A 3xx: the host answers for a renamed site or a custom domain with a redirect. The client never
 * follows one (a credential must not travel to a host nobody checked); site discovery decides
 * whether the target is the same site (src/connections/discovery-redirect.ts).
 */
export class RedirectedError extends AtlassianError {
  override readonly name = 'RedirectedError';
  readonly code = 'redirected' as const;
  /** Where the redirect points, absolute and credential-free; undefined without a Location header. */
  readonly location: string | undefined;

  constructor(site: ErrorSite, location: string | undefined) {
    super(`redirected${location ? ` to ${location}` : ' without a Location'} (not followed)`, site);
    this.location = location;
  }

  override toJSON() {
    return { ...super.toJSON(), location: this.location };
  }
}

/** A programming error in the caller: a missing path parameter or site, an anonymous call the endpoint does not allow. */
export class InvalidCallError extends AtlassianError {
  override readonly name = 'InvalidCallError';
  readonly code = 'invalid_call' as const;

  constructor(site: ErrorSite, detail: string) {
    super(`invalid call: ${detail}`, site);
  }
}

/** A resume token that does not belong to this endpoint, or a list whose cursor stopped advancing. */
export class PaginationError extends AtlassianError {
  override readonly name = 'PaginationError';
  readonly code = 'pagination' as const;

  constructor(site: ErrorSite, detail: string) {
    super(`pagination failed: ${detail}`, site);
  }
}

export function isAtlassianError(error: unknown): error is AtlassianError {
  return error instanceof AtlassianError;
}
