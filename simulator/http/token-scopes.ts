import type { Endpoint } from '../../src/atlassian/catalogue/index.ts';
import type { ApiToken } from '../tenant/model.ts';
import { scopeMismatch } from './errors.ts';

// An API token with scopes reaches, through the gateway, what its scopes cover: the endpoint's
// classic scopes (the ones its reference page lists). Without them the gateway answers 401 in its
// own body, `{"code":401,"message":"Unauthorized; scope does not match"}`, as it does for 3LO
// tokens (the error users of scoped tokens report, e.g. https://github.com/HolmesGPT/holmesgpt/pull/2373).
// Classic tokens carry no scopes and are limited only by the account's permissions.

export function checkTokenScopes(e: Endpoint, token: ApiToken): void {
  const held = token.scopes;
  if (held === undefined) return;
  if (e.oauthScopes.every((s) => held.includes(s))) return;
  throw scopeMismatch();
}
