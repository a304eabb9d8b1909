import type { Kysely } from 'kysely';
import { toJsonColumn } from '../db/json-column.ts';
import type { Database } from '../db/schema.ts';
import { consumeOneTimeToken, createOneTimeToken, INVITE_TTL_MS } from './one-time-tokens.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { PeopleError } from './people-error.ts';
import type { Role } from './roles.ts';
import { createSession, type NewSession } from './sessions.ts';
import type { From } from './sign-in.ts';
import {
  checkName,
  checkRights,
  countOwners,
  findUserRow,
  getUser,
  insertUser,
  toUser,
  type User,
} from './users.ts';

// Adding, changing and removing people. Only an owner touches an owner (creates, promotes to,
// changes or removes one); the last owner can be neither demoted nor removed, so Palisade always
// has someone who can manage everything. Rights are granted explicitly by owners and admins.

export interface Actor {
  id: string;
  /** The role the request acts with (a token's, when lower than its creator's). */
  role: Role;
}

function mayManage(actor: Actor): void {
  if (actor.role !== 'owner' && actor.role !== 'admin') {
    throw new PeopleError('permission_required', `the ${actor.role} role may not manage people`);
  }
}

function ownerOnly(actor: Actor, what: string): void {
  if (actor.role !== 'owner') throw new PeopleError('not_permitted', `only an owner may ${what}`);
}

export interface CreatedUser {
  user: User;
  /** The one-time invite link's token, when no password was given (7 days). */
  invite?: { token: string; expiresAt: string };
}

export async function createUser(
  db: Kysely<Database>,
  now: Date,
  actor: Actor | null,
  input: {
    email: string;
    name: string;
    role: Role;
    rights?: readonly string[];
    password?: string | undefined;
  },
): Promise<CreatedUser> {
  if (actor) {
    mayManage(actor);
    if (input.role === 'owner') ownerOnly(actor, 'add an owner');
  }
  if (input.password !== undefined) checkPasswordPolicy(input.password);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const user = await insertUser(db, now, {
    email: input.email,
    name: input.name,
    role: input.role,
    rights: input.rights ?? [],
    passwordHash,
    createdBy: actor?.id ?? null,
  });
  if (passwordHash !== null) return { user };
  const invite = await createOneTimeToken(db, now, 'invite', user.id, INVITE_TTL_MS);
  return { user, invite };
}

export async function updateUser(
  db: Kysely<Database>,
  now: Date,
  actor: Actor,
  id: string,
  patch: {
    role?: Role | undefined;
    rights?: readonly string[] | undefined;
    name?: string | undefined;
    disabled?: boolean | undefined;
  },
): Promise<{ before: User; after: User }> {
  mayManage(actor);
  const row = await findUserRow(db, id);
  if (!row) throw new PeopleError('user_not_found', `no person ${id}`);
  const before = toUser(row);
  if (before.role === 'owner') ownerOnly(actor, "change an owner's role, rights or name");
  if (patch.role === 'owner' && before.role !== 'owner') ownerOnly(actor, 'make someone an owner');
  if (
    before.role === 'owner' &&
    patch.role !== undefined &&
    patch.role !== 'owner' &&
    (await countOwners(db)) <= 1
  ) {
    throw new PeopleError('last_owner', 'this is the last owner: make someone else an owner first');
  }
  // Deactivating keeps the person (their name in the audit log and on findings) but ends their
  // sign-in, sessions and tokens (each checks disabled_at). Not oneself, not the last owner.
  if (patch.disabled === true && before.disabledAt === null) {
    if (id === actor.id) throw new PeopleError('not_permitted', 'you cannot deactivate your own account');
    if (before.role === 'owner' && (await countOwners(db)) <= 1) {
      throw new PeopleError('last_owner', 'this is the last owner: make someone else an owner first');
    }
  }
  const set: {
    role?: Role;
    rights?: string;
    name?: string;
    disabled_at?: string | null;
    updated_at: string;
  } = {
    updated_at: now.toISOString(),
  };
  if (patch.disabled !== undefined && patch.disabled !== (before.disabledAt !== null)) {
    set.disabled_at = patch.disabled ? now.toISOString() : null;
  }
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.rights !== undefined) set.rights = toJsonColumn(checkRights(patch.rights));
  if (patch.name !== undefined) set.name = checkName(patch.name);
  await db.updateTable('users').set(set).where('id', '=', id).execute();
  const after = await getUser(db, id);
  if (!after) throw new PeopleError('user_not_found', `no person ${id}`);
  return { before, after };
}

export async function deleteUser(db: Kysely<Database>, actor: Actor, id: string): Promise<User> {
  mayManage(actor);
  const row = await findUserRow(db, id);
  if (!row) throw new PeopleError('user_not_found', `no person ${id}`);
  const user = toUser(row);
  if (user.role === 'owner') {
    ownerOnly(actor, 'remove an owner');
    if ((await countOwners(db)) <= 1) {
      throw new PeopleError('last_owner', 'this is the last owner: make someone else an owner first');
    }
  }
  // Sessions, tokens and open invitations go with the person (foreign keys cascade; deleted
  // explicitly too, as SQLite enforces cascades only with foreign keys switched on).
  await db.deleteFrom('sessions').where('user_id', '=', id).execute();
  await db.deleteFrom('api_tokens').where('user_id', '=', id).execute();
  await db.deleteFrom('one_time_tokens').where('user_id', '=', id).execute();
  await db.deleteFrom('users').where('id', '=', id).execute();
  return user;
}

/** An invited person sets their password with the invite link, and is signed in. */
export async function acceptInvite(
  db: Kysely<Database>,
  now: Date,
  input: { token: string; password: string },
  from: From,
): Promise<{ user: User; session: NewSession }> {
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  const used = await consumeOneTimeToken(db, now, 'invite', input.token);
  const row = used?.userId ? await findUserRow(db, used.userId) : undefined;
  if (!row) {
    throw new PeopleError(
      'invite_invalid',
      'the invite link is invalid, used or expired: ask an owner or admin for a new one',
    );
  }
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: now.toISOString() })
    .where('id', '=', row.id)
    .execute();
  const session = await createSession(db, now, row.id, from);
  return { user: toUser({ ...row, password_hash: passwordHash }), session };
}
