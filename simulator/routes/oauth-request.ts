import type { SimState } from '../core/state.ts';
import type { OAuthClient } from '../tenant/model.ts';
import { parseScopes } from './oauth-scopes.ts';

// Validation of an authorization request, shared by the consent page (GET /authorize) and the
// decision endpoint (POST /authorize), which must not trust the hidden fields it gets back.
// https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/ and RFC 6749 §4.1.2.1:
// while the client or its redirect_uri is in doubt, the user sees an error page and is never
// redirected; once both are trusted, other errors go back to the app as `?error=…&state=…`.

export type Params = Record<string, unknown>;

export type AuthorizationRequest =
  | { kind: 'page-error'; message: string }
  | {
      kind: 'redirect-error';
      redirectUri: string;
      error: string;
      description: string;
      state: string | undefined;
    }
  | {
      kind: 'ok';
      client: OAuthClient;
      redirectUri: string;
      scopes: string[];
      state: string | undefined;
      /** The request's parameters, to carry through the consent form. */
      fields: Record<string, string>;
    };

const AUDIENCE = 'api.atlassian.com';

export function param(params: Params, name: string): string | undefined {
  const v = params[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * A redirect URI matches a registered callback URL when scheme, host, port and path are equal;
 * extra query parameters the app adds are kept.
 */
export function redirectMatches(client: OAuthClient, uri: string): boolean {
  let asked: URL;
  try {
    asked = new URL(uri);
  } catch {
    return false;
  }
  return client.redirectUris.some((registered) => {
    try {
      const r = new URL(registered);
      return r.origin === asked.origin && r.pathname === asked.pathname;
    } catch {
      return false;
    }
  });
}

/** `redirect_uri` with the given parameters added to its query string. */
export function redirectWith(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

export function readAuthorizationRequest(state: SimState, params: Params): AuthorizationRequest {
  const clientId = param(params, 'client_id') ?? '';
  const client = state.tenant.oauthClients.find((c) => c.clientId === clientId);
  if (!client) return { kind: 'page-error', message: `Invalid client_id: ${clientId || '(none)'}` };
  const redirectUri = param(params, 'redirect_uri') ?? '';
  if (!redirectUri || !redirectMatches(client, redirectUri)) {
    return {
      kind: 'page-error',
      message: `The redirect_uri ${redirectUri || '(none)'} does not match any callback URL of the app.`,
    };
  }
  const stateParam = param(params, 'state');
  const fail = (error: string, description: string): AuthorizationRequest => ({
    kind: 'redirect-error',
    redirectUri,
    error,
    description,
    state: stateParam,
  });
  const responseType = param(params, 'response_type');
  if (responseType !== 'code') {
    return fail('unsupported_response_type', `Unsupported response_type: ${responseType ?? '(none)'}`);
  }
  // Older docs make `audience` required, newer ones leave it out; a wrong one is refused.
  const audience = param(params, 'audience');
  if (audience !== undefined && audience !== AUDIENCE) {
    return fail('invalid_request', `Invalid audience: ${audience}`);
  }
  const scopes = parseScopes(param(params, 'scope'));
  if (scopes.length === 0) return fail('invalid_scope', 'The scope parameter is missing or empty.');

  const fields: Record<string, string> = {
    audience: audience ?? AUDIENCE,
    client_id: clientId,
    scope: scopes.join(' '),
    redirect_uri: redirectUri,
    response_type: 'code',
  };
  if (stateParam !== undefined) fields.state = stateParam;
  return { kind: 'ok', client, redirectUri, scopes, state: stateParam, fields };
}
