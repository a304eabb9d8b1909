import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  loadCredential,
  resealAll,
  saveCredential,
} from '../../src/connections/credentials/credential-store.ts';
import { createSecretBox } from '../../src/connections/credentials/secret-box.ts';
import { KEY_FILE, loadSecretKey, rotateKeyFile } from '../../src/connections/credentials/secret-key.ts';
import { forEachDatabase, openTestDatabase, type TestDatabase } from '../../src/db/testing/test-database.ts';
import { palisade } from '../cli/in-process.ts';

// Secrets at rest: the key comes from PALISADE_SECRET_KEY or a key file only its owner may read,
// created on first start; `palisade secrets rotate-key` reseals every stored credential so that the
// old key is no longer needed.

const tempDir = (t: { after(fn: () => void): void }) => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-key-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

test('the first start creates the key file with mode 0600 in a 0700 directory, and later starts read the same key', (t) => {
  const dataDir = join(tempDir(t), 'data');
  const first = loadSecretKey({ dataDir, create: true });
  assert.equal(first.created, true);
  assert.equal(statSync(join(dataDir, KEY_FILE)).mode & 0o777, 0o600);
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  const again = loadSecretKey({ dataDir, create: true });
  assert.equal(again.created, false);
  assert.ok(again.key.equals(first.key));
});

test('a key file that group or others may read is refused, naming the chmod that fixes it', (t) => {
  const dataDir = tempDir(t);
  loadSecretKey({ dataDir, create: true });
  chmodSync(join(dataDir, KEY_FILE), 0o644);
  assert.throws(
    () => loadSecretKey({ dataDir, create: true }),
    (error: Error & { fix?: string }) => {
      assert.match(error.message, /may be read by group or others \(mode 0644\)/);
      assert.match(error.fix ?? '', /chmod 600/);
      return true;
    },
  );
});

test('PALISADE_SECRET_KEY takes hex or base64 of 32 bytes, and anything else is a clear error naming it', (t) => {
  const dataDir = tempDir(t);
  const key = randomBytes(32);
  assert.ok(loadSecretKey({ envValue: key.toString('hex'), dataDir, create: true }).key.equals(key));
  assert.ok(loadSecretKey({ envValue: key.toString('base64'), dataDir, create: true }).key.equals(key));
  assert.equal(existsSync(join(dataDir, KEY_FILE)), false);
  for (const bad of ['short', randomBytes(16).toString('base64'), 'z'.repeat(64)]) {
    assert.throws(
      () => loadSecretKey({ envValue: bad, dataDir, create: true }),
      /PALISADE_SECRET_KEY is not a valid secret key: it must be 32 bytes/,
    );
  }
  assert.throws(() => loadSecretKey({ dataDir: join(dataDir, 'none'), create: false }), /no secret key/);
});

test('a credential sealed with one key cannot be opened with another: a clear error, never garbage', () => {
  const sealed = createSecretBox(randomBytes(32)).seal('{"apiToken":"x"}');
  assert.throws(() => createSecretBox(randomBytes(32)).open(sealed), /sealed with another key/);
});

async function sealTwo(db: TestDatabase['db'], box: ReturnType<typeof createSecretBox>): Promise<void> {
  for (const id of ['org-a', 'org-b']) {
    await saveCredential(db, box, {
      connectionId: id,
      purpose: 'read',
      bundle: { method: 'api-token', adminEmail: 'a@example.com', apiToken: `token-of-${id}-1234` },
      by: null,
      now: new Date('2026-06-01T09:00:00Z'),
    });
  }
}

forEachDatabase(
  'rotating the key file reseals every credential with a new key, and the old key is no longer needed',
  async (t, database) => {
    const dataDir = join(tempDir(t), 'data');
    const old = loadSecretKey({ dataDir, create: true });
    const oldBox = createSecretBox(old.key);
    await sealTwo(database.db, oldBox);
    const result = await rotateKeyFile(database.db, dataDir);
    assert.deepEqual([result.resealed, result.total], [2, 2]);
    const rotated = loadSecretKey({ dataDir, create: false });
    assert.ok(!rotated.key.equals(old.key));
    assert.deepEqual(rotated.previous, []);
    assert.deepEqual(
      readdirSync(dataDir).filter((f) => f.startsWith('secret')),
      [KEY_FILE],
    );
    assert.equal(statSync(join(dataDir, KEY_FILE)).mode & 0o777, 0o600);
    const opened = await loadCredential(database.db, createSecretBox(rotated.key), 'org-b', 'read');
    assert.equal(opened?.bundle.apiToken, 'token-of-org-b-1234');
    await assert.rejects(loadCredential(database.db, oldBox, 'org-a', 'read'), /sealed with another key/);
  },
);

test('a rotation interrupted after resealing leaves every credential readable, and running it again finishes it', async (t) => {
  const database = await openTestDatabase('sqlite');
  t.after(() => database.close());
  const dataDir = join(tempDir(t), 'data');
  const old = loadSecretKey({ dataDir, create: true });
  await sealTwo(database.db, createSecretBox(old.key));
  // As if the process died after the reseal, before the new key replaced secret.key.
  const next = randomBytes(32);
  writeFileSync(join(dataDir, 'secret.key.next'), next.toString('base64'), { mode: 0o600 });
  writeFileSync(join(dataDir, 'secret.key.previous'), old.key.toString('base64'), { mode: 0o600 });
  await resealAll(database.db, createSecretBox(next, [old.key]));
  const meanwhile = loadSecretKey({ dataDir, create: false });
  const box = createSecretBox(meanwhile.key, meanwhile.previous);
  assert.equal(
    (await loadCredential(database.db, box, 'org-a', 'read'))?.bundle.apiToken,
    'token-of-org-a-1234',
  );
  await rotateKeyFile(database.db, dataDir);
  const done = loadSecretKey({ dataDir, create: false });
  assert.ok(done.key.equals(next));
  assert.deepEqual(done.previous, []);
  assert.equal(
    (await loadCredential(database.db, createSecretBox(next), 'org-b', 'read'))?.bundle.apiToken,
    'token-of-org-b-1234',
  );
});

test('palisade secrets rotate-key rotates the key file of the data directory and says how many credentials it resealed', async (t) => {
  const database = await openTestDatabase('sqlite', { file: true });
  t.after(() => database.close());
  const cwd = tempDir(t);
  const dataDir = join(cwd, 'data');
  const old = loadSecretKey({ dataDir, create: true });
  await sealTwo(database.db, createSecretBox(old.key));
  const run = await palisade(['secrets', 'rotate-key', '--db', database.options.file as string], {
    cwd,
    env: { PALISADE_DATA_DIR: dataDir },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stdout,
    /Resealed 2 of 2 stored credentials with the new key [0-9a-f]{8}; the old key is deleted/,
  );
  assert.ok(!loadSecretKey({ dataDir, create: false }).key.equals(old.key));
});

test('with PALISADE_SECRET_KEY, rotate-key explains how to rotate, and reseals with the key given in --new-key-file', async (t) => {
  const database = await openTestDatabase('sqlite', { file: true });
  t.after(() => database.close());
  const cwd = tempDir(t);
  const oldKey = randomBytes(32);
  await sealTwo(database.db, createSecretBox(oldKey));
  const env = { PALISADE_DATA_DIR: join(cwd, 'data'), PALISADE_SECRET_KEY: oldKey.toString('base64') };
  const db = ['--db', database.options.file as string];
  const explained = await palisade(['secrets', 'rotate-key', ...db], { cwd, env });
  assert.equal(explained.code, 1);
  assert.match(explained.stderr, /--new-key-file/);
  assert.ok(!explained.stderr.includes(oldKey.toString('base64')));
  const newKey = randomBytes(32);
  writeFileSync(join(cwd, 'new.key'), newKey.toString('hex'), { mode: 0o600 });
  const run = await palisade(['secrets', 'rotate-key', ...db, '--new-key-file', 'new.key'], { cwd, env });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Resealed 2 of 2/);
  const opened = await loadCredential(database.db, createSecretBox(newKey), 'org-a', 'read');
  assert.equal(opened?.bundle.apiToken, 'token-of-org-a-1234');
});

test('before the first start there is nothing to rotate, and rotate-key says so', async (t) => {
  const database = await openTestDatabase('sqlite', { file: true });
  t.after(() => database.close());
  const cwd = tempDir(t);
  const run = await palisade(['secrets', 'rotate-key', '--db', database.options.file as string], {
    cwd,
    env: { PALISADE_DATA_DIR: join(cwd, 'data') },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /nothing to rotate/);
  assert.equal(existsSync(join(cwd, 'data', KEY_FILE)), false);
});
