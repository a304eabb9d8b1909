import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_admin_api_keys_hygiene.rule.ts';

type Keys = SubjectValue<'attested.admin-api-keys'>['keys'];

// The attestation is made on 2025-05-31; TEST_NOW is 2025-06-01.
const scanner = {
  name: 'Security posture scanner',
  scoped: false,
  palisade: true,
  createdAt: '2025-05-01',
  expiresAt: '2025-07-30',
  lastUsedAt: '2025-05-31',
};
const directory = {
  name: 'Directory read-only',
  scoped: true,
  createdAt: '2025-04-15',
  expiresAt: '2025-07-14',
  lastUsedAt: '2025-05-30',
};
const legacy = {
  name: 'Old provisioning script',
  scoped: false,
  createdAt: '2023-08-01',
  expiresAt: null,
  lastUsedAt: '2024-11-12',
};

function run(keys: Keys, settings: object = {}) {
  return runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.admin-api-keys', { keys })],
    settings: { org_admin_api_keys_hygiene: settings },
  });
}

test('Palisade’s own unscoped key and a scoped 90-day key in use pass', () => {
  const results = run([scanner, directory]);
  assert.deepEqual(verdicts(results), [
    ['pass', 'Security posture scanner'],
    ['pass', 'Directory read-only'],
  ]);
  assert.equal(results[0]?.resource.type, 'api-key');
  assert.equal(
    results[0]?.message,
    'Security posture scanner is unscoped (Palisade’s own), in use and expires on 2025-07-30.',
  );
});

test('an unscoped key that never expires and was idle for 200 days fails, naming each problem', () => {
  const results = run([legacy]);
  assert.deepEqual(verdicts(results), [['fail', 'Old provisioning script']]);
  assert.equal(
    results[0]?.message,
    'Old provisioning script: it never expires; it was unused for 200 days when attested; it is unscoped, so it can call every admin API.',
  );
});

test('a year-long key and a never-used key fail; an accepted unscoped key is not failed for its scope', () => {
  const results = run(
    [
      { ...directory, name: 'Yearly', createdAt: '2025-01-01', expiresAt: '2026-01-01' },
      { ...directory, name: 'Unused', createdAt: '2025-03-01', lastUsedAt: null },
      { ...directory, name: 'Export job', scoped: false },
    ],
    { unscopedAllowed: ['Export job'] },
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'Yearly'],
    ['fail', 'Unused'],
    ['pass', 'Export job'],
  ]);
  assert.equal(results[0]?.message, 'Yearly: it lives 365 days, more than 90.');
});

test('an expired key passes, and a key attested without its last use is unknown', () => {
  const results = run([
    { ...legacy, name: 'Expired', expiresAt: '2025-05-01' },
    { name: 'Mystery', scoped: true, expiresAt: '2025-07-01' },
  ]);
  assert.deepEqual(verdicts(results), [
    ['pass', 'Expired'],
    ['unknown', 'Mystery'],
  ]);
});

test('without an attestation the check is unknown: no dataset lists org API keys', () => {
  const results = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});
