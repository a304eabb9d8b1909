import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { randomSecret, sha256 } from './secret-tokens.ts';
import { toUser, type User } from './users.ts';

// Sessions live in the database (only the SHA-256 of the cookie's token), so every server process
// sees every session. A session ends after 12 hours without a request or 7 days after sign-in,
// whichever comes first; each request pushes the idle end forward.

export const SESSION_COOKIE = 'palisade_session';
export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3_600_000;

export interface NewSession {
  /** The cookie's value: shown once, never stored. */
  token: string;
  tokenHash: string;
  csrfToken: string;
  expiresAt: string;
}

export interface ActiveSession {
  user: User;
  tokenHash: string;
  csrfToken: string;
  expiresAt: string;
}

function expiryOf(createdAt: Date, seenAt: Date): Date {
  return new Date(Math.min(seenAt.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_ABSOLUTE_MS));
}

export async function createSession(
  db: Kysely<Database>,
  now: Date,
  userId: string,
  from: { address?: string | undefined; userAgent?: string | undefined } = {},
): Promise<NewSession> {
  const token = randomSecret();
  const tokenHash = sha256(token);
  const csrfToken = randomSecret();
  const expiresAt = expiryOf(now, now).toISOString();
  await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash,
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      address: from.address ?? null,
      user_agent: from.userAgent?.slice(0, 200) ?? null,
    })
    .execute();
  return { token, tokenHash, csrfToken, expiresAt };
}

/** The session of a cookie's token, its idle end pushed forward; undefined when unknown or ended. */
export async function resolveSession(
  db: Kysely<Database>,
  now: Date,
  token: string,
): Promise<ActiveSession | undefined> {
  if (token.length === 0 || token.length > 200) return undefined;
  const tokenHash = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.csrf_token as csrf_token',
      'sessions.created_at as session_created_at',
      'sessions.expires_at as expires_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.disabled_at !== null || row.password_hash === null) return undefined;
  if (Date.parse(row.expires_at) <= now.getTime()) {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return undefined;
  }
  const expiresAt = expiryOf(new Date(row.session_created_at), now).toISOString();
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString(), expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
  const { csrf_token, session_created_at: _created, expires_at: _expires, ...user } = row;
  return { user: toUser(user), tokenHash, csrfToken: csrf_token, expiresAt };
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a person but the one given (a password change keeps the one that made it). */
export async function deleteOtherSessions(
  db: Kysely<Database>,
  userId: string,
  keepHash?: string,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepHash !== undefined) q = q.where('token_hash', '!=', keepHash);
  await q.execute();
}
