import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ApiTokensTable } from '../db/schema-server.ts';
import { PeopleError } from './people-error.ts';
import { isRole, type Role, roleAtLeast } from './roles.ts';
import { randomSecret, sha256 } from './secret-tokens.ts';
import { toUser, type User } from './users.ts';

// Personal API tokens: `pls_` and 32 random bytes, shown once; only the SHA-256 is stored. A token
// acts with at most its creator's role — at creation, and again at every use against the creator's
// role of that moment (a demoted person's tokens are demoted with them) — and its creator's rights.

export const TOKEN_PREFIX = 'pls_';
export const MAX_TOKEN_DAYS = 365;

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  role: Role;
  last4: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TokenPrincipal {
  user: User;
  tokenId: string;
  /** min(token role, creator's current role). */
  role: Role;
  /** When the token stops working (ISO time). */
  expiresAt: string;
}

function toToken(row: ApiTokensTable): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    role: isRole(row.role) ? row.role : 'viewer',
    last4: row.last4,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** How stale a token's "last used" may be: one write a minute per token at most. */
const LAST_USED_PRECISION_MS = 60_000;

export async function createApiToken(
  db: Kysely<Database>,
  now: Date,
  creator: { id: string; role: Role },
  input: { name: string; role?: Role | undefined; expiresInDays: number },
): Promise<{ token: string; record: ApiToken }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100)
    throw new PeopleError('invalid_input', 'name must be 1 to 100 characters');
  if (
    !Number.isInteger(input.expiresInDays) ||
    input.expiresInDays < 1 ||
    input.expiresInDays > MAX_TOKEN_DAYS
  ) {
    throw new PeopleError(
      'invalid_input',
      `expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}`,
    );
  }
  const role = input.role ?? creator.role;
  if (!roleAtLeast(creator.role, role)) {
    throw new PeopleError(
      'not_permitted',
      `a token acts with at most its creator's role: ask for ${creator.role} or lower, not ${role}`,
    );
  }
  const token = `${TOKEN_PREFIX}${randomSecret()}`;
  const row: ApiTokensTable = {
    id: randomUUID(),
    user_id: creator.id,
    name,
    role,
    token_hash: sha256(token),
    last4: token.slice(-4),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { token, record: toToken(row) };
}

/** Who a bearer token acts as; undefined when it is unknown, revoked, expired or its creator gone. */
export async function resolveApiToken(
  db: Kysely<Database>,
  now: Date,
  token: string,
): Promise<TokenPrincipal | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.role as token_role',
      'api_tokens.expires_at as token_expires_at',
      'api_tokens.revoked_at as token_revoked_at',
      'api_tokens.last_used_at as token_last_used_at',
    ])
    .where('api_tokens.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.token_revoked_at !== null || row.disabled_at !== null) return undefined;
  if (Date.parse(row.token_expires_at) <= now.getTime()) return undefined;
  // "Last used" is shown to the minute; writing it on every request would make every read of a
  // busy integration a write to the same row (measured by bench:api as most of a list's latency).
  const lastUsed = row.token_last_used_at === null ? Number.NaN : Date.parse(row.token_last_used_at);
  if (!(now.getTime() - lastUsed < LAST_USED_PRECISION_MS)) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.token_id)
      .execute();
  }
  const {
    token_id,
    token_role,
    token_expires_at: _e,
    token_revoked_at: _r,
    token_last_used_at: _l,
    ...userRow
  } = row;
  const user = toUser(userRow);
  const tokenRole = isRole(token_role) ? token_role : 'viewer';
  return {
    user,
    tokenId: token_id,
    role: roleAtLeast(tokenRole, user.role) ? user.role : tokenRole,
    expiresAt: row.token_expires_at,
  };
}

export async function listApiTokens(db: Kysely<Database>, userId: string): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toToken);
}

export async function getApiToken(db: Kysely<Database>, id: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toToken(row) : undefined;
}

/** Revokes a token: its owner may, and an owner or admin may revoke anyone's. */
export async function revokeApiToken(
  db: Kysely<Database>,
  now: Date,
  actor: { id: string; role: Role },
  id: string,
): Promise<ApiToken> {
  const token = await getApiToken(db, id);
  const mayAny = actor.role === 'owner' || actor.role === 'admin';
  if (!token || (token.userId !== actor.id && !mayAny)) {
    throw new PeopleError('token_not_found', `no API token ${id} of yours`);
  }
  if (token.revokedAt === null) {
    await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return { ...token, revokedAt: token.revokedAt ?? now.toISOString() };
}
