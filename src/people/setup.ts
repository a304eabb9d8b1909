import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { consumeOneTimeToken, createOneTimeToken, SETUP_TTL_MS } from './one-time-tokens.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { PeopleError } from './people-error.ts';
import { createSession, type NewSession } from './sessions.ts';
import type { From } from './sign-in.ts';
import { checkEmail, checkName, countUsers, insertUser, type User } from './users.ts';

// First run: on an empty database `palisade serve` prints a one-time setup link (24 hours); the
// person who opens it becomes the first owner. Once anyone exists, setup answers 409.

/**
 * Called by `palisade serve` at start: on an empty users table, a new setup link
 * (`<publicUrl>/setup?token=…`); undefined once anyone exists.
 */
export async function ensureSetupLink(
  db: Kysely<Database>,
  now: Date | (() => Date),
  publicUrl: string,
): Promise<string | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const at = typeof now === 'function' ? now() : now;
  const { token } = await createOneTimeToken(db, at, 'setup', null, SETUP_TTL_MS);
  return `${publicUrl.replace(/\/+$/, '')}/setup?token=${encodeURIComponent(token)}`;
}

export async function setupRequired(db: Kysely<Database>): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

export async function setUpOwner(
  db: Kysely<Database>,
  now: Date,
  input: { token: string; email: string; name: string; password: string },
  from: From,
): Promise<{ user: User; session: NewSession }> {
  if (!(await setupRequired(db))) {
    throw new PeopleError('setup_done', 'Palisade is set up already: its first owner exists');
  }
  checkEmail(input.email);
  checkName(input.name);
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  const used = await consumeOneTimeToken(db, now, 'setup', input.token);
  if (!used) {
    throw new PeopleError(
      'setup_token_invalid',
      'the setup link is invalid, used or expired: restart `palisade serve` for a new one',
    );
  }
  const user = await insertUser(db, now, {
    email: input.email,
    name: input.name,
    role: 'owner',
    passwordHash,
    createdBy: null,
  });
  const session = await createSession(db, now, user.id, from);
  return { user, session };
}
