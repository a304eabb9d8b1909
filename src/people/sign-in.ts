import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { checkPasswordPolicy, hashPassword, verifyOrDummy } from './passwords.ts';
import { PeopleError } from './people-error.ts';
import { createSession, deleteOtherSessions, type NewSession } from './sessions.ts';
import { assertNotLocked, clearAccount, recordFailure, throttleKeys } from './throttle.ts';
import { findUserRow, findUserRowByEmail, normalizeEmail, toUser, type User } from './users.ts';

// Signing in: the same answer, after the same work (one argon2 verification), whether the e-mail
// is unknown, has no password yet, or the password is wrong; throttled per account and address.

export interface From {
  address?: string | undefined;
  userAgent?: string | undefined;
}

export const WRONG_CREDENTIALS = 'e-mail or password is wrong';

export async function signIn(
  db: Kysely<Database>,
  now: Date,
  input: { email: string; password: string },
  from: From,
): Promise<{ user: User; session: NewSession }> {
  const email = normalizeEmail(input.email).slice(0, 320);
  const keys = throttleKeys(email, from.address);
  await assertNotLocked(
    db,
    now,
    keys.map((k) => k.key),
  );
  const row = await findUserRowByEmail(db, email);
  const usable = row && row.disabled_at === null ? row.password_hash : null;
  const ok = await verifyOrDummy(usable, input.password);
  if (!ok || !row) {
    await recordFailure(db, now, keys);
    throw new PeopleError('invalid_credentials', WRONG_CREDENTIALS);
  }
  await clearAccount(db, email);
  const session = await createSession(db, now, row.id, from);
  return { user: toUser(row), session };
}

/** Changes one's password after checking the current one; every other session of the person ends. */
export async function changePassword(
  db: Kysely<Database>,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  now: Date,
  keepSessionHash?: string,
): Promise<void> {
  const row = await findUserRow(db, userId);
  if (!row || !(await verifyOrDummy(row.password_hash, input.currentPassword))) {
    throw new PeopleError('invalid_input', 'currentPassword is wrong: type your current password');
  }
  checkPasswordPolicy(input.newPassword, 'newPassword');
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.newPassword), updated_at: now.toISOString() })
    .where('id', '=', userId)
    .execute();
  await deleteOtherSessions(db, userId, keepSessionHash);
}

/**
 * Sets a person's password without the current one — an operator's reset (the demo's owner gets a
 * new random password at every start); every session of the person ends.
 */
export async function resetPassword(
  db: Kysely<Database>,
  userId: string,
  password: string,
  now: Date,
): Promise<void> {
  checkPasswordPolicy(password);
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), updated_at: now.toISOString() })
    .where('id', '=', userId)
    .execute();
  await deleteOtherSessions(db, userId);
}
