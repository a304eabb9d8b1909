import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

// The `state` of an authorization request in flight (RFC 6749 §10.12): random, stored only as its
// SHA-256, bound to the session and person that started the consent, valid 10 minutes, single use.
// A callback carrying a state that another session started (a link planted by an attacker, so the
// victim's browser completes the attacker's consent) is refused.

export const STATE_LIFETIME_MS = 10 * 60_000;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

export interface StateOwner {
  sessionHash: string;
  userId: string;
}

export async function createOAuthState(
  db: Kysely<Database>,
  owner: StateOwner,
  connectionId: string | null,
  now: Date,
): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  await db
    .insertInto('oauth_states')
    .values({
      state_hash: hash(state),
      session_hash: owner.sessionHash,
      user_id: owner.userId,
      connection_id: connectionId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + STATE_LIFETIME_MS).toISOString(),
    })
    .execute();
  return state;
}

export type ConsumedState =
  | { ok: true; connectionId: string | null }
  | { ok: false; reason: 'unknown' | 'expired' | 'other_session' };

/**
 * Takes the state out (deleted whatever the outcome: single use) and says whether this session
 * may complete the consent it started. Expired states of anyone are swept on the way.
 */
export async function consumeOAuthState(
  db: Kysely<Database>,
  state: string,
  owner: StateOwner,
  now: Date,
): Promise<ConsumedState> {
  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('oauth_states')
      .selectAll()
      .where('state_hash', '=', hash(state))
      .executeTakeFirst();
    await tx.deleteFrom('oauth_states').where('expires_at', '<=', at).execute();
    if (!row) return { ok: false, reason: 'unknown' } as const;
    await tx.deleteFrom('oauth_states').where('state_hash', '=', row.state_hash).execute();
    if (row.expires_at <= at) return { ok: false, reason: 'expired' } as const;
    if (row.session_hash !== owner.sessionHash || row.user_id !== owner.userId)
      return { ok: false, reason: 'other_session' } as const;
    return { ok: true, connectionId: row.connection_id } as const;
  });
}
