import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, readEnv } from './env.ts';

test('an empty environment gives the embedded defaults', () => {
  const env = readEnv({});
  assert.equal(env.DATABASE_URL, undefined);
  assert.equal(env.PALISADE_DATA_DIR, './data');
  assert.deepEqual(env.PALISADE_ALLOW_HOSTS, []);
});

test('allowed hosts are split, trimmed and lower-cased', () => {
  assert.deepEqual(readEnv({ PALISADE_ALLOW_HOSTS: '127.0.0.1:4000, Sim.Local ' }).PALISADE_ALLOW_HOSTS, [
    '127.0.0.1:4000',
    'sim.local',
  ]);
});

test('a bad value is refused with the variable named', () => {
  assert.throws(
    () => readEnv({ DATABASE_URL: 'mysql://x' }),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(
        e.message,
        'the environment variable DATABASE_URL must be a postgres:// or postgresql:// URL',
      );
      return true;
    },
  );
  assert.throws(() => readEnv({ PALISADE_ALLOW_HOSTS: 'http://x' }), /PALISADE_ALLOW_HOSTS/);
});
