import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { policy } from '../accounts/test-records.ts';
import { rule } from './org_password_policy_strong.rule.ts';

function attest(...policies: ReturnType<typeof policy>[]) {
  return { attestations: [testAttestation('attested.authentication-policies', { policies })] };
}

const local = policy('Local', { isDefault: true, ssoEnforced: false, passwordMinimumStrength: 'strong' });

test('a policy without SSO that requires Strong passwords passes; SSO policies are not judged', () => {
  const results = runRule(rule, testSnapshot(), attest(policy('Employees'), local));
  assert.deepEqual(verdicts(results), [
    ['not_applicable', 'Employees'],
    ['pass', 'Local'],
  ]);
  assert.equal(results[1]?.message, 'Local requires strong passwords.');
});

test('a policy without SSO that accepts Fair passwords fails', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(policy('Break glass', { ssoEnforced: false, passwordMinimumStrength: 'fair' })),
  );
  assert.deepEqual(verdicts(results), [['fail', 'Break glass']]);
  assert.equal(results[0]?.message, 'Break glass: minimum password strength is fair, below strong.');
});

test('an organization standard for password expiry fails policies whose passwords never expire', () => {
  const results = runRule(rule, testSnapshot(), {
    ...attest(local, policy('Contractors', { ssoEnforced: false, passwordExpiryDays: 60 })),
    settings: { org_password_policy_strong: { maxPasswordExpiryDays: 90 } },
  });
  assert.deepEqual(verdicts(results), [
    ['fail', 'Local'],
    ['pass', 'Contractors'],
  ]);
  assert.equal(results[0]?.message, 'Local: passwords never expire (the standard is 90 days).');
});

test('a policy whose password strength was not attested is unknown; an empty one passes', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(
      policy('Legacy', { ssoEnforced: false, passwordMinimumStrength: undefined }),
      policy('Unused', { ssoEnforced: false, members: 0, passwordMinimumStrength: 'weak' }),
    ),
  );
  assert.deepEqual(verdicts(results), [
    ['unknown', 'Legacy'],
    ['pass', 'Unused'],
  ]);
});

test('without an attestation the check is unknown', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot())), [['unknown', 'org-1']]);
});
