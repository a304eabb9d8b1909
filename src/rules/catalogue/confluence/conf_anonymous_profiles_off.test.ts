import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_anonymous_profiles_off.rule.ts';

const at = { scope: TEST_SITE.cloudId };

test('an attested site where anonymous users cannot view profiles passes, citing the attestation', () => {
  const attestation = testAttestation(
    'attested.confluence-anonymous-access',
    { viewUserProfiles: false },
    at,
  );
  const results = runRule(rule, testSnapshot(), { attestations: [attestation] });
  assert.deepEqual(verdicts(results), [['pass', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.attestations?.[0]?.id, attestation.id);
});

test('an attested anonymous "View user profiles" grant fails', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.confluence-anonymous-access', { viewUserProfiles: true }, at)],
  });
  assert.deepEqual(verdicts(results), [['fail', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.message, 'Anonymous users may view user profiles on this site.');
});

test('an attestation that leaves the profile permission out is unknown, not a pass', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [
      testAttestation('attested.confluence-anonymous-access', { siteLevelControl: 'enforced' }, at),
    ],
  });
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
});

test('without an attestation for the site the check is unknown: no API reads global permissions', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.confluence-anonymous-access', { viewUserProfiles: false })],
  });
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});
