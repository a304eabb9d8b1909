import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { forEachDatabase } from '../db/testing/test-database.ts';
import { signIn } from './sign-in.ts';
import { addPerson } from './testing/people-fixtures.ts';

// No account enumeration by timing: an unknown e-mail costs an argon2 verification like a wrong
// password does (against a dummy hash), so it is not answered in a fraction of the time.

forEachDatabase(
  'a sign-in with an unknown e-mail takes about as long as one with a wrong password',
  async (_t, database) => {
    const now = new Date('2026-06-01T09:00:00.000Z');
    await addPerson(database.db, now, 'viewer');
    const timed = async (email: string) => {
      const started = performance.now();
      await assert.rejects(
        signIn(database.db, now, { email, password: 'not the password' }, { address: undefined }),
        /e-mail or password is wrong/,
      );
      return performance.now() - started;
    };
    await timed('warm-up@example.com');
    // The fastest of several rounds: a loaded machine only ever adds time, so the minimum is what
    // each path costs (a sum let one slow round of the wrong password decide).
    let known = Number.POSITIVE_INFINITY;
    let unknown = Number.POSITIVE_INFINITY;
    // Different e-mails each round; four wrong passwords stay under the account lockout (5 failures).
    for (let i = 0; i < 4; i++) {
      known = Math.min(known, await timed('viewer@example.com'));
      unknown = Math.min(unknown, await timed(`nobody${i}@example.com`));
    }
    assert.ok(
      unknown > known * 0.4,
      `unknown ${unknown.toFixed(0)} ms vs wrong password ${known.toFixed(0)} ms`,
    );
  },
);
