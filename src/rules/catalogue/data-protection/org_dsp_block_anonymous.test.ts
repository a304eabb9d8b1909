import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_dsp_block_anonymous.rule.ts';

const blocked = { blocks: 'everywhere' as const, covered: [], exceptions: [] };

test('anonymous access blocked for all data passes, citing the attestation', () => {
  const attestation = testAttestation('attested.data-security-policies', { anonymousAccess: blocked });
  const results = runRule(rule, testSnapshot(), { attestations: [attestation] });
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(results[0]?.attestations?.[0]?.id, attestation.id);
});

test('a policy that leaves a declared sensitive project unprotected fails, naming it', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [
      testAttestation('attested.data-security-policies', {
        anonymousAccess: { blocks: 'selected', covered: ['HR'], exceptions: [] },
      }),
    ],
    settings: { org_dsp_block_anonymous: { sensitiveData: ['HR', 'PAY'] } },
  });
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.equal(results[0]?.message, 'Anonymous access is not blocked for sensitive data: PAY.');
});

test('no policy blocking anonymous access fails; an attestation silent on it is unknown', () => {
  const none = runRule(rule, testSnapshot(), {
    attestations: [
      testAttestation('attested.data-security-policies', {
        anonymousAccess: { blocks: 'nowhere', covered: [], exceptions: [] },
      }),
    ],
  });
  assert.deepEqual(verdicts(none), [['fail', 'org-1']]);
  const silent = runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.data-security-policies', { export: blocked })],
  });
  assert.deepEqual(verdicts(silent), [['unknown', 'org-1']]);
});

test('without an attestation it is unknown, and without Atlassian Guard it is not applicable', () => {
  assert.equal(runRule(rule, testSnapshot())[0]?.reasons?.[0]?.code, 'attestation_missing');
  const noGuard = runRule(rule, testSnapshot({ org: { guard: 'none' } }), {
    attestations: [testAttestation('attested.data-security-policies', { anonymousAccess: blocked })],
  });
  assert.deepEqual(verdicts(noGuard), [['not_applicable', 'org-1']]);
});
