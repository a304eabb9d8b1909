import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeError } from '../errors.ts';
import { readCliEnv } from './cli-env.ts';
import { CLI_SURFACE } from './cli-surface.ts';

test("the CLI's variables are optional, and empty ones count as unset", () => {
  const env = readCliEnv({ PALISADE_EMAIL: '', PALISADE_FAIL_ON: ' ', PALISADE_FORMAT: '' });
  assert.equal(env.PALISADE_EMAIL, undefined);
  assert.equal(env.PALISADE_FAIL_ON, undefined);
  assert.deepEqual(env.PALISADE_FORMAT, []);
  assert.deepEqual(env.PALISADE_SITES, []);
});

test('lists of sites and formats are split on commas', () => {
  const env = readCliEnv({
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
    () => readCliEnv({ PALISADE_FORMAT: 'json,pdf' }),
    /the environment variable PALISADE_FORMAT must be among json, csv, sarif, html, ocsf$/,
  );
  assert.throws(
    () => readCliEnv({ PALISADE_FAIL_ON: 'urgent' }),
    /the environment variable PALISADE_FAIL_ON must be one of critical/,
  );
});

test("the platform's settings are read too, with the same checks", () => {
  assert.deepEqual(readCliEnv({ PALISADE_ALLOW_HOSTS: 'Sim.Local' }).PALISADE_ALLOW_HOSTS, ['sim.local']);
  assert.throws(
    () => readCliEnv({ DATABASE_URL: 'mysql://x' }),
    /the environment variable DATABASE_URL must be a postgres/,
  );
});

test('an environment variable error is one sentence naming the variable, the problem and the fix', () => {
  let error: unknown;
  try {
    readCliEnv({ PALISADE_FAIL_ON: 'urgent' });
  } catch (e) {
    error = e;
  }
  assert.equal(
    describeError(error, CLI_SURFACE),
    'the environment variable PALISADE_FAIL_ON must be one of critical, high, medium, low — correct it or unset it',
  );
});
