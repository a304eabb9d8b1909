import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { policy } from '../accounts/test-records.ts';
import { rule } from './org_third_party_login_blocked.rule.ts';

function attest(...policies: ReturnType<typeof policy>[]) {
  return { attestations: [testAttestation('attested.authentication-policies', { policies })] };
}

const sso = policy('Employees', { isDefault: true, thirdPartyLoginBlocked: false });

test('SSO policies and non-SSO policies that prevent third-party login pass', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(sso, policy('Break glass', { ssoEnforced: false, thirdPartyLoginBlocked: true })),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'Employees'],
    ['pass', 'Break glass'],
  ]);
});

test('in an organization that uses SSO, a policy without SSO that allows social login fails', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(sso, policy('Contractors', { ssoEnforced: false, thirdPartyLoginBlocked: false })),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'Employees'],
    ['fail', 'Contractors'],
  ]);
  assert.equal(
    results[1]?.message,
    'Contractors: members may log in with Google, Microsoft, Apple or Slack accounts.',
  );
});

test('an organization that enforces SSO nowhere is not judged unless the settings say so', () => {
  const open = policy('All users', { isDefault: true, ssoEnforced: false, thirdPartyLoginBlocked: false });
  assert.deepEqual(verdicts(runRule(rule, testSnapshot(), attest(open))), [['not_applicable', 'All users']]);
  const strict = runRule(rule, testSnapshot(), {
    ...attest(open),
    settings: { org_third_party_login_blocked: { requireEverywhere: true } },
  });
  assert.deepEqual(verdicts(strict), [['fail', 'All users']]);
});

test('a policy whose third-party login setting was not attested is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(sso, policy('Contractors', { ssoEnforced: false, thirdPartyLoginBlocked: undefined })),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'Employees'],
    ['unknown', 'Contractors'],
  ]);
});

test('without an attestation the check is unknown', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot())), [['unknown', 'org-1']]);
});
