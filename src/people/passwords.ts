import { hash, verify } from '@node-rs/argon2';
import { PeopleError } from './people-error.ts';

// Passwords: argon2id (the library's default algorithm, OWASP's parameters), and a policy that
// names what is wrong. `verifyOrDummy` runs a verification even when there is no hash to check
// (an unknown e-mail), so a sign-in takes as long for an unknown account as for a wrong password.

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

export function checkPasswordPolicy(password: string, field = 'password'): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new PeopleError(
      'invalid_input',
      `${field} is too short: use at least ${MIN_PASSWORD_LENGTH} characters (a passphrase of a few words works well)`,
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new PeopleError(
      'invalid_input',
      `${field} is too long: use at most ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/** Whether the password matches; with no hash, verifies against a dummy one and answers false. */
export async function verifyOrDummy(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash('palisade-dummy-password-for-timing');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
