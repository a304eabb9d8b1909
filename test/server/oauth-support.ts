import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { Role } from '../../src/db/schema-server.ts';
import { createSession } from '../../src/people/sessions.ts';
import { insertUser } from '../../src/people/users.ts';

// A signed-in person for the OAuth tests: a user and a session as sign-in creates them, and the
// cookie and CSRF token a browser would send.

export { SESSION_COOKIE } from '../../src/people/sessions.ts';

import { SESSION_COOKIE } from '../../src/people/sessions.ts';

export interface SignedIn {
  userId: string;
  cookie: string;
  csrfToken: string;
}

export async function signedIn(
  db: Kysely<Database>,
  now: Date,
  options: { role?: Role; email?: string } = {},
): Promise<SignedIn> {
  const user = await insertUser(db, now, {
    email: options.email ?? `${randomUUID()}@example.com`,
    name: 'Ada Admin',
    role: options.role ?? 'admin',
    // Any PHC string: these tests sign in through the session, never with the password.
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
    createdBy: null,
  });
  const session = await createSession(db, now, user.id);
  return { userId: user.id, cookie: `${SESSION_COOKIE}=${session.token}`, csrfToken: session.csrfToken };
}

/** The query parameters of a redirect's Location. */
export function locationOf(headers: Record<string, unknown>): URL {
  const location = headers.location;
  if (typeof location !== 'string') throw new Error('the answer is not a redirect');
  return new URL(location);
}
