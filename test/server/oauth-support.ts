import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toJsonColumn } from '../../src/db/json-column.ts';
import type { Database } from '../../src/db/schema.ts';
import type { Role } from '../../src/db/schema-server.ts';

// A signed-in person for the OAuth tests: a user and a session row as sign-in creates them (only
// the SHA-256 of the cookie's token stored), and the cookie and CSRF token a browser would send.

export const SESSION_COOKIE = 'palisade_session';

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
  const userId = randomUUID();
  const at = now.toISOString();
  await db
    .insertInto('users')
    .values({
      id: userId,
      email: options.email ?? `${userId}@example.com`,
      name: 'Ada Admin',
      role: options.role ?? 'admin',
      rights: toJsonColumn([]),
      password_hash: null,
      created_at: at,
      created_by: null,
      updated_at: at,
      disabled_at: null,
    })
    .execute();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(16).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      token_hash: createHash('sha256').update(token).digest('hex'),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
      address: null,
      user_agent: null,
    })
    .execute();
  return { userId, cookie: `${SESSION_COOKIE}=${token}`, csrfToken };
}

/** The query parameters of a redirect's Location. */
export function locationOf(headers: Record<string, unknown>): URL {
  const location = headers.location;
  if (typeof location !== 'string') throw new Error('the answer is not a redirect');
  return new URL(location);
}
