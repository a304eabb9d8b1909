import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { policy } from '../accounts/test-records.ts';
import { rule } from './org_api_token_max_expiry.rule.ts';

function run(policies: ReturnType<typeof policy>[], options: { settings?: object; guard?: 'none' } = {}) {
  return runRule(rule, testSnapshot(options.guard ? { org: { guard: options.guard } } : {}), {
    attestations: [testAttestation('attested.authentication-policies', { policies })],
    settings: { org_api_token_max_expiry: options.settings ?? {} },
  });
}

test('a policy that limits tokens to 30 days passes, and one that blocks tokens passes', () => {
  const results = run([
    policy('Integrations', { userApiTokensBlocked: false, userApiTokenMaxExpiryDays: 30 }),
    policy('Employees', { isDefault: true, userApiTokenMaxExpiryDays: null }),
  ]);
  assert.deepEqual(verdicts(results), [
    ['pass', 'Integrations'],
    ['pass', 'Employees'],
  ]);
  assert.equal(results[0]?.message, 'Integrations limits user API tokens to 30 days.');
});

test('a policy left at the one-year default, or at 180 days, fails', () => {
  const results = run([
    policy('Employees', { isDefault: true, userApiTokensBlocked: false, userApiTokenMaxExpiryDays: null }),
    policy('Integrations', { userApiTokensBlocked: false, userApiTokenMaxExpiryDays: 180 }),
  ]);
  assert.deepEqual(verdicts(results), [
    ['fail', 'Employees'],
    ['fail', 'Integrations'],
  ]);
  assert.equal(results[0]?.message, 'Employees: user API tokens last up to a year (Atlassian’s default).');
  assert.deepEqual(
    verdicts(
      run([policy('Integrations', { userApiTokensBlocked: false, userApiTokenMaxExpiryDays: 180 })], {
        settings: { maxExpiryDays: 180 },
      }),
    ),
    [['pass', 'Integrations']],
  );
});

test('a policy that allows tokens without an attested expiration is unknown', () => {
  const results = run([
    policy('Employees', { userApiTokensBlocked: false, userApiTokenMaxExpiryDays: undefined }),
  ]);
  assert.deepEqual(verdicts(results), [['unknown', 'Employees']]);
});

test('without Atlassian Guard the expiration cannot be set, so the check does not apply', () => {
  assert.deepEqual(verdicts(run([policy('Employees')], { guard: 'none' })), [['not_applicable', 'org-1']]);
});
