import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_dsp_block_public_links.rule.ts';

function attested(publicLinks: {
  blocks: 'everywhere' | 'selected' | 'nowhere';
  covered: string[];
  exceptions: string[];
}) {
  return { attestations: [testAttestation('attested.data-security-policies', { publicLinks })] };
}

test('public links blocked for every declared sensitive space pass', () => {
  const results = runRule(rule, testSnapshot(), {
    ...attested({ blocks: 'selected', covered: ['HR', 'SEC'], exceptions: [] }),
    settings: { org_dsp_block_public_links: { sensitiveData: ['hr', 'sec'] } },
  });
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
});

test('blocked by default with an override that re-allows a sensitive space fails', () => {
  const results = runRule(rule, testSnapshot(), {
    ...attested({ blocks: 'everywhere', covered: [], exceptions: ['SEC'] }),
    settings: { org_dsp_block_public_links: { sensitiveData: ['SEC'] } },
  });
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.equal(
    results[0]?.message,
    'Creating public links is blocked by default, but overrides allow it for sensitive data: SEC.',
  );
});

test('an expired attestation makes the check unknown', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [
      testAttestation(
        'attested.data-security-policies',
        { publicLinks: { blocks: 'everywhere', covered: [], exceptions: [] } },
        { attestedAt: '2025-01-01T00:00:00.000Z', expiresAt: '2025-03-01T00:00:00.000Z' },
      ),
    ],
  });
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_expired');
});
