import type { FastifyRequest } from 'fastify';
import { resolveApiToken, TOKEN_PREFIX } from '../../people/api-tokens.ts';
import { resolveSession, SESSION_COOKIE } from '../../people/sessions.ts';
import { changeSignalOf } from '../change-signal.ts';
import type { Principal } from '../principal.ts';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import { tokenCacheOf } from './token-cache.ts';

// Who is asking: a personal API token (`Authorization: Bearer pls_…`) or the session cookie. A
// bearer token that does not work is refused outright (a script should learn at once that its
// token is wrong); a cookie that does not work is ignored (an old cookie in a browser is normal).

export async function authenticate(deps: ServerDeps, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.length > 0) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    const now = deps.now();
    const found = token?.startsWith(TOKEN_PREFIX)
      ? await tokenCacheOf(changeSignalOf(deps)).resolve(token, now, () =>
          resolveApiToken(deps.db, now, token),
        )
      : undefined;
    if (!found) {
      throw new RequestError(
        'authentication_required',
        'the API token is invalid, expired or revoked (send Authorization: Bearer pls_…) — create a new one under your account',
      );
    }
    return {
      user: found.user,
      role: found.role,
      rights: found.user.rights,
      via: { kind: 'token', tokenId: found.tokenId },
    };
  }
  const cookie = sessionCookieOf(request);
  if (typeof cookie !== 'string' || cookie.length === 0) return null;
  const session = await resolveSession(deps.db, deps.now(), cookie);
  if (!session) return null;
  return {
    user: session.user,
    role: session.user.role,
    rights: session.user.rights,
    via: { kind: 'session', sessionHash: session.tokenHash, csrfToken: session.csrfToken },
  };
}

// The access hook runs before @fastify/cookie's own onRequest hook (it is added first, so every
// route is guarded), so the cookie header is parsed here when the plugin has not done it yet.
function sessionCookieOf(request: FastifyRequest): string | undefined {
  const parsed = request.cookies?.[SESSION_COOKIE];
  if (parsed !== undefined) return parsed;
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length === 0) return undefined;
  return request.server.parseCookie(header)[SESSION_COOKIE];
}
