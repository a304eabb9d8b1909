import { createHash, randomBytes } from 'node:crypto';

// Bearer secrets (session cookies, API tokens, one-time links): 32 random bytes, and only their
// SHA-256 is stored, so a copy of the database signs nobody in. SHA-256 (not argon2) suffices:
// the secrets are random, not guessable like passwords.

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
