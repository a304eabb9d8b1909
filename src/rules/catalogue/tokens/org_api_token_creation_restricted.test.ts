import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { policy } from '../accounts/test-records.ts';
import { rule } from './org_api_token_creation_restricted.rule.ts';

function run(policies: ReturnType<typeof policy>[], settings: object = {}) {
  return runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.authentication-policies', { policies })],
    settings: { org_api_token_creation_restricted: settings },
  });
}

const employees = policy('Employees', { isDefault: true, members: 300, userApiTokensBlocked: false });
const integrations = policy('Integrations', { members: 3, userApiTokensBlocked: false });

test('policies that block user API tokens pass', () => {
  assert.deepEqual(verdicts(run([policy('Employees', { isDefault: true })])), [['pass', 'Employees']]);
});

test('a default policy that allows tokens fails; the declared integrations policy does not', () => {
  const results = run([employees, integrations], { allowedPolicies: ['Integrations'] });
  assert.deepEqual(verdicts(results), [
    ['fail', 'Employees'],
    ['not_applicable', 'Integrations'],
  ]);
  assert.equal(
    results[0]?.message,
    'Employees lets its 300 members create and use API tokens, and every new account lands in it.',
  );
});

test('without the setting, the integrations policy fails too', () => {
  const results = run([integrations]);
  assert.deepEqual(verdicts(results), [['fail', 'Integrations']]);
  assert.equal(results[0]?.message, 'Integrations lets its 3 members create and use API tokens.');
});

test('a policy whose token setting was not attested is unknown', () => {
  assert.deepEqual(verdicts(run([policy('Employees', { userApiTokensBlocked: undefined })])), [
    ['unknown', 'Employees'],
  ]);
});

test('without an attestation the check is unknown', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot())), [['unknown', 'org-1']]);
});
