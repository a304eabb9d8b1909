import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_external_user_policy.rule.ts';

type Policy = SubjectValue<'attested.external-user-policy'>;

const hardened: Policy = {
  enabled: true,
  verification: 'email-otp',
  reverifyEveryDays: 7,
  apiAccessBlocked: true,
};

function run(value: Policy, settings: object = {}) {
  return runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.external-user-policy', value)],
    settings: { org_external_user_policy: settings },
  });
}

test('an external user policy with weekly one-time passcodes and blocked API tokens passes', () => {
  const results = run(hardened);
  assert.deepEqual(verdicts(results), [['pass', 'external-user-policy']]);
  assert.equal(results[0]?.resource.type, 'external-user-policy');
  assert.equal(
    results[0]?.message,
    'External users verify by one-time passcode every 7 days at most and cannot use API tokens.',
  );
});

test('a policy that is off fails outright', () => {
  assert.deepEqual(verdicts(run({ enabled: false })), [['fail', 'external-user-policy']]);
});

test('monthly re-verification and allowed API tokens fail, naming both', () => {
  const results = run({ ...hardened, reverifyEveryDays: 30, apiAccessBlocked: false });
  assert.deepEqual(verdicts(results), [['fail', 'external-user-policy']]);
  assert.equal(
    results[0]?.message,
    'External user policy: external users verify again only every 30 days (at most 7); external users may call ' +
      'the APIs with user API tokens.',
  );
  assert.deepEqual(verdicts(run({ ...hardened, reverifyEveryDays: 30 }, { maxReverifyDays: 30 })), [
    ['pass', 'external-user-policy'],
  ]);
});

test('a policy attested without its API token setting is unknown', () => {
  assert.deepEqual(verdicts(run({ enabled: true, verification: 'sso', reverifyEveryDays: 1 })), [
    ['unknown', 'external-user-policy'],
  ]);
});

test('without an attestation the check is unknown, and without Atlassian Guard it does not apply', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot())), [['unknown', 'org-1']]);
  const noGuard = runRule(rule, testSnapshot({ org: { guard: 'none' } }), {
    attestations: [testAttestation('attested.external-user-policy', hardened)],
  });
  assert.deepEqual(verdicts(noGuard), [['not_applicable', 'org-1']]);
});
