import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { PeopleError } from './people-error.ts';

// Sign-in throttling, per account and per address: 5 failures within 15 minutes lock the account
// key for 15 minutes, 20 lock the address. The account key is the e-mail as typed (lower-cased),
// whether or not such a person exists, so the lockout itself reveals nothing about accounts.

export const WINDOW_MS = 15 * 60_000;
export const LOCKOUT_MS = 15 * 60_000;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;

export function throttleKeys(email: string, address: string | undefined): { key: string; limit: number }[] {
  return [
    { key: `account:${email}`, limit: ACCOUNT_LIMIT },
    ...(address ? [{ key: `address:${address}`, limit: ADDRESS_LIMIT }] : []),
  ];
}

/** Throws too_many_attempts (429) naming when to retry, if any of the keys is locked now. */
export async function assertNotLocked(
  db: Kysely<Database>,
  now: Date,
  keys: readonly string[],
): Promise<void> {
  const rows = await db
    .selectFrom('login_attempts')
    .selectAll()
    .where('key', 'in', [...keys])
    .execute();
  const until = rows
    .map((r) => r.locked_until)
    .filter((t): t is string => t !== null && Date.parse(t) > now.getTime())
    .sort()
    .at(-1);
  if (until) {
    const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
    throw new PeopleError(
      'too_many_attempts',
      `too many failed sign-ins: try again after ${until} (in ${minutes} minute${minutes === 1 ? '' : 's'})`,
    );
  }
}

export async function recordFailure(
  db: Kysely<Database>,
  now: Date,
  keys: readonly { key: string; limit: number }[],
): Promise<void> {
  for (const { key, limit } of keys) {
    const row = await db.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirst();
    const fresh = !row || Date.parse(row.window_started_at) + WINDOW_MS <= now.getTime();
    const failures = fresh ? 1 : row.failures + 1;
    const values = {
      failures,
      window_started_at: fresh ? now.toISOString() : row.window_started_at,
      locked_until:
        failures >= limit ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : (row?.locked_until ?? null),
    };
    await db
      .insertInto('login_attempts')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }
}

/** A successful sign-in clears the account's count (not the address's: one success does not excuse a spray). */
export async function clearAccount(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', `account:${email}`).execute();
}
