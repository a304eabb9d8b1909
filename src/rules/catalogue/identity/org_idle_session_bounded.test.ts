import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { policy } from '../accounts/test-records.ts';
import { rule } from './org_idle_session_bounded.rule.ts';

function attest(...policies: ReturnType<typeof policy>[]) {
  return { attestations: [testAttestation('attested.authentication-policies', { policies })] };
}

test('policies whose idle sessions end within 12 hours pass', () => {
  const results = runRule(rule, testSnapshot(), attest(policy('Employees', { idleSessionMinutes: 720 })));
  assert.deepEqual(verdicts(results), [['pass', 'Employees']]);
  assert.equal(results[0]?.message, 'Employees ends idle sessions after 12 h.');
});

test('a policy left at the 30-day default fails; an empty non-default one does not', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(
      policy('Employees', { isDefault: true, idleSessionMinutes: 43_200 }),
      policy('Unused', { members: 0, idleSessionMinutes: 43_200 }),
    ),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'Employees'],
    ['pass', 'Unused'],
  ]);
  assert.equal(results[0]?.message, 'Employees: idle sessions last 720 h, more than 12 h.');
});

test('the maximum is a setting', () => {
  const results = runRule(rule, testSnapshot(), {
    ...attest(policy('Employees', { idleSessionMinutes: 480 })),
    settings: { org_idle_session_bounded: { maxIdleMinutes: 240 } },
  });
  assert.deepEqual(verdicts(results), [['fail', 'Employees']]);
});

test('a policy whose idle session duration was not attested is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot(),
    attest(policy('Employees', { idleSessionMinutes: undefined })),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'Employees']]);
});

test('an expired attestation makes the check unknown', () => {
  const attestation = testAttestation(
    'attested.authentication-policies',
    { policies: [policy('Employees')] },
    { attestedAt: '2025-01-01T00:00:00.000Z', expiresAt: '2025-03-01T00:00:00.000Z' },
  );
  const results = runRule(rule, testSnapshot(), { attestations: [attestation] });
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_expired');
});
