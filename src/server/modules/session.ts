import { z } from 'zod';
import { getApiToken } from '../../people/api-tokens.ts';
import { deleteSession } from '../../people/sessions.ts';
import { signIn } from '../../people/sign-in.ts';
import { getUser } from '../../people/users.ts';
import { noteAudit } from '../audit-hook.ts';
import {
  clearSessionCookie,
  clientOf,
  SessionBody,
  sessionBody,
  signedInReply,
} from '../auth/session-reply.ts';
import { RequestError } from '../request-error.ts';
import type { ServerModule } from '../server-module.ts';

// Signing in and out. A wrong e-mail and a wrong password answer alike (401 invalid_credentials),
// and so does the lockout (429) for accounts that exist and accounts that do not.

const SignInInput = z.object({
  email: z.string().min(1).max(320),
  password: z.string().max(1024),
});

export const sessionModule: ServerModule = {
  name: 'session',
  register(app, deps) {
    app.post(
      '/api/v1/session',
      {
        config: { access: 'public', audit: 'session.create' },
        schema: {
          tags: ['people'],
          summary: 'Sign in: sets the session cookie and returns the CSRF token',
          body: SignInInput,
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const { user, session } = await signIn(deps.db, deps.now(), request.body, clientOf(request));
        return signedInReply(request, reply, deps, user, session);
      },
    );
    app.get(
      '/api/v1/session',
      {
        config: { access: 'account' },
        schema: {
          tags: ['people'],
          summary: 'Who is signed in, and the CSRF token for changes made with the cookie',
          response: { 200: SessionBody },
        },
      },
      async (request) => {
        const principal = request.principal;
        if (!principal) throw new RequestError('authentication_required', 'nobody is signed in');
        const user = (await getUser(deps.db, principal.user.id)) ?? principal.user;
        const current = { ...user, role: principal.role, rights: principal.rights };
        if (principal.via.kind === 'session') {
          const row = await deps.db
            .selectFrom('sessions')
            .select('expires_at')
            .where('token_hash', '=', principal.via.sessionHash)
            .executeTakeFirst();
          return sessionBody(current, {
            csrfToken: principal.via.csrfToken,
            expiresAt: row?.expires_at ?? '',
          });
        }
        // A bearer token needs no CSRF token; its end is the token's expiry.
        const token = await getApiToken(deps.db, principal.via.tokenId);
        return sessionBody(current, { csrfToken: '', expiresAt: token?.expiresAt ?? '' });
      },
    );
    app.delete(
      '/api/v1/session',
      {
        config: { access: 'account', audit: 'session.delete' },
        schema: {
          tags: ['people'],
          summary: 'Sign out: ends the session and clears the cookie',
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = request.principal;
        if (principal?.via.kind === 'session') await deleteSession(deps.db, principal.via.sessionHash);
        noteAudit(request, { subject: `user:${principal?.user.id ?? 'unknown'}` });
        clearSessionCookie(reply, deps);
        return reply.code(204).send(null);
      },
    );
  },
};
