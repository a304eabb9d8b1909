import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_guard_detect_routed.rule.ts';

const premium = testSnapshot({ org: { guard: 'premium' } });
const allOn = { appInstalledOrRemoved: true, policyChanged: true, bulkExport: true };

test('alerts routed to a SIEM with the key detections on pass', () => {
  const results = runRule(rule, premium, {
    attestations: [
      testAttestation('attested.guard-detect', { destinations: ['siem', 'email'], detections: allOn }),
    ],
  });
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
});

test('alerts that only reach e-mail, with the export detection off, fail naming both gaps', () => {
  const results = runRule(rule, premium, {
    attestations: [
      testAttestation('attested.guard-detect', {
        destinations: ['email'],
        detections: { ...allOn, bulkExport: false },
      }),
    ],
  });
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.equal(
    results[0]?.message,
    'Guard Detect: alerts go to email, not a SIEM or webhook; detections off: bulk export.',
  );
});

test('without an attestation the check is unknown: Guard Detect has no API', () => {
  const results = runRule(rule, premium);
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});

test('Guard Standard has no Guard Detect, so the check is not applicable', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.guard-detect', { destinations: ['siem'], detections: allOn })],
  });
  assert.deepEqual(verdicts(results), [['not_applicable', 'org-1']]);
});
