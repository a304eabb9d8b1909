import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation } from '../../testing/test-snapshot.ts';
import type { AccessControls } from './access-controls.ts';
import { rule } from './bb_2sv_required.rule.ts';
import { TEST_WORKSPACE, workspaceSnapshot } from './test-records.ts';

function attest(value: AccessControls) {
  return [testAttestation('attested.bitbucket-access-controls', value, { scope: TEST_WORKSPACE.cloudId })];
}

test('a Premium workspace that requires two-step verification passes, one that does not fails', () => {
  const on = runRule(rule, workspaceSnapshot(), {
    attestations: attest({ plan: 'premium', twoStepVerificationRequired: true }),
  });
  assert.deepEqual(verdicts(on), [['pass', 'bb-acme']]);
  assert.equal(on[0]?.attestations?.length, 1);
  const off = runRule(rule, workspaceSnapshot(), {
    attestations: attest({ plan: 'premium', twoStepVerificationRequired: false }),
  });
  assert.deepEqual(verdicts(off), [['fail', 'bb-acme']]);
});

test('below Premium the control does not exist, and an unrecorded setting is unknown', () => {
  const standard = runRule(rule, workspaceSnapshot(), { attestations: attest({ plan: 'standard' }) });
  assert.deepEqual(verdicts(standard), [['not_applicable', 'bb-acme']]);
  assert.equal(
    standard[0]?.message,
    'Requiring two-step verification needs Bitbucket Premium; the workspace is on the Standard plan.',
  );
  const unrecorded = runRule(rule, workspaceSnapshot(), { attestations: attest({ plan: 'premium' }) });
  assert.deepEqual(verdicts(unrecorded), [['unknown', 'bb-acme']]);
});

test('without an attestation the check is unknown: no public API exposes the setting', () => {
  const results = runRule(rule, workspaceSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', 'bb-acme']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});
