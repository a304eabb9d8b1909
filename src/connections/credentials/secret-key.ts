import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { resealAll } from './credential-store.ts';
import { createSecretBox, SecretKeyError } from './secret-box.ts';

// The server's key for secrets at rest (secret-box.ts): `PALISADE_SECRET_KEY` (32 bytes, hex or
// base64), or the key file `<dataDir>/secret.key` that `palisade serve` creates on first start
// (mode 0600 in a 0700 directory). A key file others may read is refused: whoever reads it reads
// every stored credential. Beside it, `secret.key.previous` (the key before a rotation) and
// `secret.key.next` (the key a rotation is moving to) are opened too, so a rotation interrupted at
// any point leaves every stored value readable; new values are always sealed with `secret.key`.

export const KEY_FILE = 'secret.key';
export const PREVIOUS_KEY_FILE = 'secret.key.previous';
export const NEXT_KEY_FILE = 'secret.key.next';

export interface LoadSecretKeyOptions {
  /** PALISADE_SECRET_KEY, when set. */
  envValue?: string | undefined;
  dataDir: string;
  /** Create the key file when there is none (`serve`'s first start); otherwise its absence is an error. */
  create: boolean;
}

export interface LoadedSecretKey {
  key: Buffer;
  /** Keys that still open older values (a rotation's previous and next keys). */
  previous: Buffer[];
  source: 'env' | 'file';
  /** The key file, when the key came from one. */
  path?: string | undefined;
  created: boolean;
}

const FORMAT_HELP =
  '32 bytes written as 64 hex characters or as base64 (e.g. the output of `openssl rand -base64 32`)';

/** Parses a key written as hex or base64; a SecretKeyError naming where it came from otherwise. */
export function parseSecretKey(text: string, where: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const key = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
    if (key.length === 32) return key;
  }
  throw new SecretKeyError(`${where} is not a valid secret key: it must be ${FORMAT_HELP}`, { fix: '' });
}

export function loadSecretKey(options: LoadSecretKeyOptions): LoadedSecretKey {
  const path = join(options.dataDir, KEY_FILE);
  const previous = [PREVIOUS_KEY_FILE, NEXT_KEY_FILE]
    .map((name) => join(options.dataDir, name))
    .filter((p) => existsSync(p))
    .map((p) => readKeyFile(p));
  if (options.envValue !== undefined && options.envValue.trim() !== '') {
    return {
      key: parseSecretKey(options.envValue, 'PALISADE_SECRET_KEY'),
      previous,
      source: 'env',
      created: false,
    };
  }
  if (existsSync(path)) return { key: readKeyFile(path), previous, source: 'file', path, created: false };
  if (!options.create) {
    throw new SecretKeyError(
      `no secret key: PALISADE_SECRET_KEY is not set and there is no key file ${path}`,
      {
        fix: 'set PALISADE_SECRET_KEY, or point PALISADE_DATA_DIR at the directory palisade serve created its key in',
      },
    );
  }
  const key = randomBytes(32);
  writeKeyFile(options.dataDir, path, key);
  return { key, previous, source: 'file', path, created: true };
}

/** Reads a key file, refusing one that group or others may read or write. */
export function readKeyFile(path: string): Buffer {
  if (process.platform !== 'win32') {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new SecretKeyError(
        `the key file ${path} may be read by group or others (mode ${mode.toString(8).padStart(4, '0')}); anyone who reads it reads every stored credential`,
        { fix: `restrict it with chmod 600 ${path}` },
      );
    }
  }
  return parseSecretKey(readFileSync(path, 'utf8'), `the key file ${path}`);
}

/**
 * Writes a key file atomically (a temporary file, then a rename): a crash leaves the old file or
 * the new one, never half of one. The directory is created 0700 when missing.
 */
export function writeKeyFile(dataDir: string, path: string, key: Buffer): void {
  if (!existsSync(dataDir)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chmodSync(dataDir, 0o700);
  }
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export interface RotationResult {
  resealed: number;
  total: number;
  /** The new key's id (secret-box.ts `keyId`), to tell it from the old one in the log. */
  keyId: string;
}

/**
 * `palisade secrets rotate-key` with a key file: a new key is written to `secret.key.next` and the
 * current one kept as `secret.key.previous`; every stored credential is resealed with the new key
 * (one transaction); only then does the new key replace `secret.key` (a rename), and the previous
 * key, no longer needed, is deleted. Interrupted at any step, every value stays readable (the
 * loader opens all three files) and running the command again finishes the rotation.
 */
export async function rotateKeyFile(db: Kysely<Database>, dataDir: string): Promise<RotationResult> {
  const current = loadSecretKey({ dataDir, create: false });
  if (current.source !== 'file' || !current.path) {
    throw new SecretKeyError('the key comes from PALISADE_SECRET_KEY, not a key file', {
      fix: 'rotate with --new-key-file',
    });
  }
  const previousPath = join(dataDir, PREVIOUS_KEY_FILE);
  const nextPath = join(dataDir, NEXT_KEY_FILE);
  // A rotation interrupted after resealing left its new key in `next`: finish with that one.
  const next = existsSync(nextPath) ? readKeyFile(nextPath) : randomBytes(32);
  // Kept until every value is resealed; an older previous key from an interrupted run is kept as is
  // (the current key stays in `secret.key` until the rename, after the reseal committed).
  if (!existsSync(previousPath)) writeKeyFile(dataDir, previousPath, current.key);
  if (!existsSync(nextPath)) writeKeyFile(dataDir, nextPath, next);
  const box = createSecretBox(next, [current.key, ...current.previous.filter((k) => !k.equals(next))]);
  const { resealed, total } = await resealAll(db, box);
  renameSync(nextPath, current.path);
  rmSync(previousPath, { force: true });
  return { resealed, total, keyId: box.keyId };
}

/** Rotation when the key is in PALISADE_SECRET_KEY: reseal with a new key the operator then sets. */
export async function rotateToKey(
  db: Kysely<Database>,
  oldKey: Buffer,
  newKey: Buffer,
): Promise<RotationResult> {
  const box = createSecretBox(newKey, [oldKey]);
  const { resealed, total } = await resealAll(db, box);
  return { resealed, total, keyId: box.keyId };
}
