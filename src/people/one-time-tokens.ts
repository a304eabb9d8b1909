import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { OneTimePurpose } from '../db/schema-server.ts';
import { randomSecret, sha256 } from './secret-tokens.ts';

// One-time links: the first-run setup link (24 hours) and invitations (7 days). Only the hash is
// stored; using one marks it used in the same statement that checks it is unused and unexpired, so
// two requests racing with the same link cannot both succeed.

export const SETUP_TTL_MS = 24 * 3_600_000;
export const INVITE_TTL_MS = 7 * 24 * 3_600_000;

export async function createOneTimeToken(
  db: Kysely<Database>,
  now: Date,
  purpose: OneTimePurpose,
  userId: string | null,
  ttlMs: number,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomSecret();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto('one_time_tokens')
    .values({
      token_hash: sha256(token),
      purpose,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
  return { token, expiresAt };
}

/** Uses a link: its user id (null for setup) when valid, undefined when unknown, used or expired. */
export async function consumeOneTimeToken(
  db: Kysely<Database>,
  now: Date,
  purpose: OneTimePurpose,
  token: string,
): Promise<{ userId: string | null } | undefined> {
  if (token.length === 0 || token.length > 200) return undefined;
  const hash = sha256(token);
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await db
    .selectFrom('one_time_tokens')
    .select('user_id')
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  return row ? { userId: row.user_id } : undefined;
}
