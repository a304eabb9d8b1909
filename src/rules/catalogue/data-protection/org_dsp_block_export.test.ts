import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_dsp_block_export.rule.ts';

test('export blocked for the declared classification level passes', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [
      testAttestation('attested.data-security-policies', {
        export: { blocks: 'selected', covered: ['Confidential', 'Restricted'], exceptions: [] },
      }),
    ],
    settings: { org_dsp_block_export: { sensitiveData: ['Restricted'] } },
  });
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
});

test('an organization where no policy blocks export fails', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [
      testAttestation('attested.data-security-policies', {
        export: { blocks: 'nowhere', covered: [], exceptions: [] },
      }),
    ],
  });
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.equal(results[0]?.message, 'No active data security policy blocks export.');
});

test('with no attestation the check is unknown: no public API reads data security policies', () => {
  const results = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});
