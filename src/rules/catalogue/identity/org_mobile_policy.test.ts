import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_mobile_policy.rule.ts';

function run(value: SubjectValue<'attested.mobile-policy'>) {
  return runRule(rule, testSnapshot(), { attestations: [testAttestation('attested.mobile-policy', value)] });
}

test('a configured mobile app policy passes', () => {
  assert.deepEqual(verdicts(run({ mobileAppPolicyConfigured: true })), [['pass', 'mobile-policy']]);
});

test('without a mobile app policy, a 30-day mobile session expiration passes', () => {
  const results = run({ mobileAppPolicyConfigured: false, mobileSessionExpiryMinutes: 30 * 1440 });
  assert.deepEqual(verdicts(results), [['pass', 'mobile-policy']]);
  assert.equal(results[0]?.message, 'Mobile sessions expire after 30 days.');
});

test('mobile sessions that never expire, or last 90 days, fail when no mobile app policy exists', () => {
  assert.deepEqual(verdicts(run({ mobileAppPolicyConfigured: false, mobileSessionExpiryMinutes: null })), [
    ['fail', 'mobile-policy'],
  ]);
  const long = run({ mobileAppPolicyConfigured: false, mobileSessionExpiryMinutes: 90 * 1440 });
  assert.equal(long[0]?.message, 'No mobile app policy, and mobile sessions last 90 days (at most 30).');
});

test('no mobile app policy and no attested session expiration is unknown', () => {
  assert.deepEqual(verdicts(run({ mobileAppPolicyConfigured: false })), [['unknown', 'mobile-policy']]);
});

test('without an attestation the check is unknown', () => {
  const results = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});
