import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PalisadeError } from '../../errors.ts';

// Secrets at rest (DESIGN.md, Security): every credential a connection holds is sealed with
// AES-256-GCM under the server's key before it reaches the database. A sealed value is
// `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url): the key id lets `palisade secrets rotate-key`
// tell which rows still need re-encrypting, and GCM's tag makes a tampered or foreign value fail
// loudly instead of decrypting to garbage.

export class SecretKeyError extends PalisadeError {
  override readonly name = 'SecretKeyError';
  readonly code = 'secret_key' as const;
}

export interface SecretBox {
  /** The id of the key new values are sealed with (first 8 hex characters of its SHA-256). */
  readonly keyId: string;
  seal(plain: string): string;
  /** Opens a value sealed with this key (or one of `previous`); a SecretKeyError otherwise. */
  open(sealed: string): string;
  /** Whether a value was sealed with the current key. */
  isCurrent(sealed: string): boolean;
}

const VERSION = 'v1';
const b64 = (b: Buffer) => b.toString('base64url');

export function createSecretBox(key: Buffer, previous: readonly Buffer[] = []): SecretBox {
  const keys = new Map<string, Buffer>();
  for (const k of [key, ...previous]) {
    if (k.length !== 32) throw new SecretKeyError('the secret key must be 32 bytes (AES-256)');
    keys.set(keyIdOf(k), k);
  }
  const keyId = keyIdOf(key);
  return {
    keyId,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, keyId, b64(iv), b64(cipher.getAuthTag()), b64(data)].join('.');
    },
    open(sealed) {
      const [version, id, iv, tag, data] = sealed.split('.');
      if (version !== VERSION || !id || !iv || !tag || data === undefined) {
        throw new SecretKeyError('a stored credential is not in the sealed format Palisade writes');
      }
      const k = keys.get(id);
      if (!k) {
        throw new SecretKeyError(
          `a stored credential was sealed with another key (${id}); start with that key, or rotate with both`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (cause) {
        throw new SecretKeyError('a stored credential could not be decrypted (altered, or another key)', {
          cause,
        });
      }
    },
    isCurrent(sealed) {
      return sealed.split('.')[1] === keyId;
    },
  };
}

function keyIdOf(key: Buffer): string {
  // A fingerprint, not the key: 32 bits of a hash tell keys apart without revealing anything usable.
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}
