import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { policy } from '../accounts/test-records.ts';
import { rule } from './org_default_policy_secure.rule.ts';

function attest(...policies: ReturnType<typeof policy>[]) {
  return { attestations: [testAttestation('attested.authentication-policies', { policies })] };
}

test('a default policy that enforces SSO passes, and non-default policies are not judged', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(
      policy('Employees', { isDefault: true }),
      policy('Legacy', { ssoEnforced: false, twoStepVerification: 'optional' }),
    ),
  );
  assert.deepEqual(verdicts(results), [['pass', 'Employees']]);
});

test('a local-directory default that requires two-step verification passes without SSO', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(
      policy('Employees', { isDefault: true }),
      policy('Local', { isDefault: true, ssoEnforced: false }),
    ),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'Employees'],
    ['pass', 'Local'],
  ]);
});

test('a default policy with neither SSO nor required two-step verification fails', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(policy('All users', { isDefault: true, ssoEnforced: false, twoStepVerification: 'optional' })),
  );
  assert.deepEqual(verdicts(results), [['fail', 'All users']]);
  assert.equal(
    results[0]?.message,
    'All users (default): neither enforces SSO nor requires two-step verification.',
  );
});

test('a default policy without SSO whose two-step setting was not attested is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(policy('All users', { isDefault: true, ssoEnforced: false, twoStepVerification: undefined })),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'All users']]);
});

test('an attestation that marks no policy as default is unknown rather than passed', () => {
  const results = runRule(rule, testSnapshot(), attest(policy('Employees')));
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
});

test('without an attestation the check is unknown: no public API reads authentication policies', () => {
  const results = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});
