import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  KEY_FILE,
  loadSecretKey,
  readKeyFile,
  rotateKeyFile,
  rotateToKey,
} from '../../connections/credentials/secret-key.ts';
import { CliError } from '../cli-error.ts';
import type { CommandContext } from '../run-cli.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore, type Store } from '../store/open-store.ts';

// `palisade secrets rotate-key`. With the key file (the default): a new key, every credential
// resealed, then the new key file in place and the old key deleted (secret-key.ts rotateKeyFile).
// With PALISADE_SECRET_KEY the key lives outside Palisade: the person gives the new key in a file,
// Palisade reseals with it, and the person then sets it as PALISADE_SECRET_KEY.

export interface RotateKeyFlags {
  db?: string;
  newKeyFile?: string;
}

export async function rotateKey(flags: RotateKeyFlags, ctx: CommandContext): Promise<void> {
  const { deps } = ctx;
  const dataDir = resolve(deps.cwd, deps.env.PALISADE_DATA_DIR);
  const envKey = deps.env.PALISADE_SECRET_KEY;
  ctx.secrets.add(envKey);
  if (envKey && !flags.newKeyFile) {
    throw new CliError(
      'usage',
      'the key is in PALISADE_SECRET_KEY, which Palisade cannot change: write a new key to a file (openssl rand -base64 32 > new.key; chmod 600 new.key), run palisade secrets rotate-key --new-key-file new.key with the old key still set, then set PALISADE_SECRET_KEY to the new key and restart',
    );
  }
  if (!envKey && flags.newKeyFile) {
    throw new CliError(
      'usage',
      '--new-key-file is for a key kept in PALISADE_SECRET_KEY; without it, palisade secrets rotate-key makes the new key itself',
    );
  }
  const store = await openStore(flags.db ?? defaultDatabase(deps), { mustExist: true });
  try {
    if (envKey && flags.newKeyFile) {
      const old = loadSecretKey({ envValue: envKey, dataDir, create: false });
      const next = readKeyFile(resolve(deps.cwd, flags.newKeyFile));
      const result = await rotateToKey(store.db, old.key, next);
      deps.stdout.write(
        `Resealed ${result.resealed} of ${result.total} stored credentials with key ${result.keyId}.\nNow set PALISADE_SECRET_KEY to the key in ${flags.newKeyFile}, restart palisade serve and its workers, and delete the file.\n`,
      );
      return;
    }
    if (!existsSync(join(dataDir, KEY_FILE)) && (await countCredentials(store)) === 0) {
      // Before the first `palisade serve` there is nothing sealed and no key to replace.
      deps.stdout.write(
        `No secret key in ${dataDir} and no stored credential: nothing to rotate (palisade serve creates the key on first start).\n`,
      );
      return;
    }
    const result = await rotateKeyFile(store.db, dataDir);
    deps.stdout.write(
      `Resealed ${result.resealed} of ${result.total} stored credentials with the new key ${result.keyId}; the old key is deleted.\nRestart palisade serve and its workers to use it.\n`,
    );
  } finally {
    await store.close();
  }
}

async function countCredentials(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('connection_credentials')
    .select(store.db.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
