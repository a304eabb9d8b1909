import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { allows, PERMISSIONS, type Permission } from '../../people/roles.ts';
import type { NewSession } from '../../people/sessions.ts';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from '../../people/sessions.ts';
import type { User } from '../../people/users.ts';
import type { ServerDeps } from '../server-deps.ts';

// What every route that signs someone in answers (setup, sign-in, invite acceptance, GET session):
// the person, the CSRF token their browser sends back in X-CSRF-Token, and when the session ends.
// The cookie is HttpOnly (no script reads it), SameSite=Lax, and Secure behind https.

export const PublicUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['owner', 'admin', 'analyst', 'viewer']),
  rights: z.array(z.string()),
});

export const SessionBody = z.object({
  user: PublicUser,
  /** What this person may do (their role's permissions and their rights), so the UI can disable what they may not. */
  permissions: z.array(z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]])),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

type UserLike = Pick<User, 'id' | 'email' | 'name' | 'role'> & { rights: readonly string[] };

export function publicUser(user: UserLike): z.infer<typeof PublicUser> {
  return { id: user.id, email: user.email, name: user.name, role: user.role, rights: [...user.rights] };
}

function cookieOptions(deps: ServerDeps) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: deps.settings.publicUrl.startsWith('https:'),
  };
}

export function setSessionCookie(reply: FastifyReply, deps: ServerDeps, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    ...cookieOptions(deps),
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: ServerDeps): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(deps));
}

export function sessionBody(
  user: UserLike,
  session: { csrfToken: string; expiresAt: string },
): z.infer<typeof SessionBody> {
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
    allows(user.role, user.rights, p),
  );
  return {
    user: publicUser(user),
    permissions,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

/**
 * The person just signed in is who this request is from now on: the audit entry of the sign-in
 * names them (and not whoever's cookie the browser may still have sent).
 */
export function actAsSignedIn(
  request: FastifyRequest,
  user: UserLike,
  session: { tokenHash: string; csrfToken: string },
): void {
  request.principal = {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, rights: user.rights },
    role: user.role,
    rights: user.rights,
    via: { kind: 'session', sessionHash: session.tokenHash, csrfToken: session.csrfToken },
  };
}

/** Where a sign-in came from, as the session row keeps it. */
export function clientOf(request: FastifyRequest): { address: string; userAgent: string | undefined } {
  return { address: request.ip, userAgent: request.headers['user-agent'] };
}

/**
 * The answer of every route that signs someone in (setup, sign-in, invite acceptance): the audit
 * entry names the person, the cookie is set, the request acts as them, and the body carries the
 * CSRF token.
 */
export function signedInReply(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ServerDeps,
  user: UserLike,
  session: NewSession,
): z.infer<typeof SessionBody> {
  request.auditNote = { ...request.auditNote, actor: user.id, subject: `user:${user.id}` };
  setSessionCookie(reply, deps, session);
  actAsSignedIn(request, user, session);
  return sessionBody(user, session);
}
