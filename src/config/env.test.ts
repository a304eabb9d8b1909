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
      assert.match(e.message, /DATABASE_URL: must be a postgres/);
      return true;
    },
  );
  assert.throws(() => readEnv({ PALISADE_ALLOW_HOSTS: 'http://x' }), /PALISADE_ALLOW_HOSTS/);
});

test("the CLI's variables are optional, and empty ones count as unset", () => {
  const env = readEnv({ PALISADE_EMAIL: '', PALISADE_FAIL_ON: ' ', PALISADE_FORMAT: '' });
  assert.equal(env.PALISADE_EMAIL, undefined);
  assert.equal(env.PALISADE_FAIL_ON, undefined);
  assert.deepEqual(env.PALISADE_FORMAT, []);
  assert.deepEqual(env.PALISADE_SITES, []);
});

test('lists of sites and formats are split on commas', () => {
  const env = readEnv({
    PALISADE_SITES: 'https://a.atlassian.net, https://b.atlassian.net',
    PALISADE_FORMAT: 'json,sarif',
    PALISADE_FAIL_ON: 'high',
  });
  assert.deepEqual(env.PALISADE_SITES, ['https://a.atlassian.net', 'https://b.atlassian.net']);
  assert.deepEqual(env.PALISADE_FORMAT, ['json', 'sarif']);
  assert.equal(env.PALISADE_FAIL_ON, 'high');
});

test('an unknown report format or severity is refused with the variable named', () => {
  assert.throws(
    () => readEnv({ PALISADE_FORMAT: 'json,pdf' }),
    /PALISADE_FORMAT.*json, csv, sarif, html, ocsf/,
  );
  assert.throws(() => readEnv({ PALISADE_FAIL_ON: 'urgent' }), /PALISADE_FAIL_ON: must be one of critical/);
});
