import { randomUUID } from 'node:crypto';
import type { EndpointProduct } from '../../src/atlassian/catalogue/index.ts';

/** An error a simulated endpoint answers with; rendered in the product's own error format. */
export class SimError extends Error {
  readonly status: number;
  /** Admin API application error code (`ADMIN-404-2`), or a Confluence v2 code (`NOT_FOUND`). */
  readonly code: string | undefined;
  readonly headers: Record<string, string>;
  /**
   * A body of its own instead of the product's error format: an answer something in front of the
   * product sends (the API gateway's scope check), or a bare string (UPM's permission refusal).
   */
  readonly body: unknown;
  readonly contentType: string | undefined;

  constructor(
    status: number,
    message: string,
    options: { code?: string; headers?: Record<string, string>; body?: unknown; contentType?: string } = {},
  ) {
    super(message);
    this.status = status;
    this.code = options.code;
    this.headers = options.headers ?? {};
    this.body = options.body;
    this.contentType = options.contentType;
  }
}

/**
 * The api.atlassian.com gateway's answer to an OAuth 2.0 (or scoped) token whose scopes do not
 * cover the endpoint: a 401, not a 403, whatever the product, as observed in production
 * (github.com/kovetskiy/mark/issues/917, github.com/raycast/extensions/issues/11212).
 */
export function scopeMismatch(): SimError {
  const message = 'Unauthorized; scope does not match';
  return new SimError(401, message, {
    body: { code: 401, message },
    headers: { 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' },
  });
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The status's reason phrase (a 503 is "Service Unavailable", not a 500's "Internal Server Error"). */
export function reasonPhrase(status: number): string {
  return reasons[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}

const confluenceV2Codes: Record<number, string> = {
  400: 'INVALID_REQUEST_PARAMETER',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * The body Atlassian sends for an error, per product:
 * - Jira: `ErrorCollection` `{errorMessages, errors}`.
 * - Confluence v2: `{errors:[{status,code,title,detail}]}`; v1: `{statusCode,data,message}`.
 * - Admin API: `{errors:[{id,status,code,title,detail}]}` (ApplicationError); an API gateway
 *   rejection of the key itself is a ProxyError `{code,message}`.
 * - UPM: `{errorMessage: null, subCode}` for the refusals it names by sub-code (a system
 *   plugin), `{status-code, message}` otherwise; Marketplace: `{errors:[{message}]}`; OAuth: RFC 6749 `{error, error_description}`.
 */
export function errorBody(product: EndpointProduct, path: string, error: SimError): unknown {
  if (error.body !== undefined) return error.body;
  const title = reasons[error.status] ?? 'Error';
  switch (product) {
    case 'jira':
      return { errorMessages: [error.message], errors: {} };
    case 'confluence':
      if (path.includes('/wiki/api/v2/')) {
        return {
          errors: [
            {
              status: error.status,
              code: error.code ?? confluenceV2Codes[error.status] ?? 'ERROR',
              title: error.message,
              detail: null,
            },
          ],
        };
      }
      return {
        statusCode: error.status,
        data: {
          authorized: error.status !== 401 && error.status !== 403,
          valid: true,
          errors: [],
          successful: false,
        },
        message: error.message,
      };
    case 'admin':
      if (error.status === 401) return { code: 401, message: error.message };
      return {
        errors: [
          {
            id: randomUUID(),
            status: String(error.status),
            code: error.code ?? `ADMIN-${error.status}-1`,
            title,
            detail: error.message,
          },
        ],
      };
    case 'user-management': {
      // The user management spec answers errors as `{key}`: `unauthorized`, `forbidden`, `notFound`.
      const keys: Record<number, string> = { 401: 'unauthorized', 403: 'forbidden', 404: 'notFound' };
      return {
        key: error.code ?? keys[error.status] ?? 'error',
        ...(error.status >= 500 ? { message: error.message } : {}),
      };
    }
    case 'upm':
      // An i18n error is UPM's ErrorRepresentation: the sub-code alone, no message
      // (com.atlassian.upm.core.rest.representations.ErrorRepresentation).
      if (error.code?.startsWith('upm.')) return { errorMessage: null, subCode: error.code };
      return { 'status-code': error.status, message: error.message };
    case 'graphql':
      return { errors: [{ message: error.message, extensions: { statusCode: error.status } }] };
    case 'marketplace':
      return { errors: [{ message: error.message }] };
    case 'oauth':
      return { error: error.code ?? 'invalid_request', error_description: error.message };
    case 'jira-data-center':
      // Jira Data Center answers errors as Cloud does: an ErrorCollection.
      return { errorMessages: [error.message], errors: {} };
    case 'confluence-data-center':
      // Confluence Server's REST errors: https://docs.atlassian.com/ConfluenceServer/rest/8.5.0/ (ServiceException).
      return {
        statusCode: error.status,
        data: {
          authorized: error.status !== 401 && error.status !== 403,
          valid: true,
          errors: [],
          successful: false,
        },
        message: error.message,
        reason: title,
      };
    case 'data-center':
      // The Atlassian REST plugin's own Status entity (audit configuration, application links).
      return { 'status-code': error.status, message: error.message };
    case 'bitbucket':
      // Bitbucket's `error` schema: `{type: "error", error: {message, detail?}}`
      // (https://developer.atlassian.com/cloud/bitbucket/rest/intro/#standardized-error-responses).
      return { type: 'error', error: { message: error.message } };
  }
}
