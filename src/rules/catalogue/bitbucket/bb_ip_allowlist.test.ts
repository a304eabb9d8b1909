import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testAttestation } from '../../testing/test-snapshot.ts';
import type { AccessControls } from './access-controls.ts';
import { rule } from './bb_ip_allowlist.rule.ts';
import { TEST_WORKSPACE, workspaceSnapshot } from './test-records.ts';

function run(value: AccessControls) {
  return runRule(rule, workspaceSnapshot(), {
    attestations: [
      testAttestation('attested.bitbucket-access-controls', value, { scope: TEST_WORKSPACE.cloudId }),
    ],
  });
}

test('an allowlist that restricts passes; one that is off or admits everyone fails', () => {
  const on = run({ plan: 'premium', ipAllowlistEnabled: true, allowedIpRanges: ['203.0.113.0/24'] });
  assert.deepEqual(verdicts(on), [['pass', 'bb-acme']]);
  assert.equal(on[0]?.message, 'IP allowlisting is on (1 address range(s)).');
  assert.deepEqual(verdicts(run({ plan: 'premium', ipAllowlistEnabled: false })), [['fail', 'bb-acme']]);
  const open = run({ plan: 'premium', ipAllowlistEnabled: true, allowedIpRanges: ['0.0.0.0/0'] });
  assert.match(open[0]?.message ?? '', /restricts nothing/);
});

test('a Free workspace has no IP allowlisting to check', () => {
  const results = run({ plan: 'free' });
  assert.deepEqual(verdicts(results), [['not_applicable', 'bb-acme']]);
  assert.equal(
    results[0]?.message,
    'IP allowlisting needs Bitbucket Premium; the workspace is on the Free plan.',
  );
});

test('an attestation for another workspace does not count', () => {
  const results = runRule(rule, workspaceSnapshot(), {
    attestations: [
      testAttestation(
        'attested.bitbucket-access-controls',
        { plan: 'premium', ipAllowlistEnabled: true },
        { scope: 'bb-other' },
      ),
    ],
  });
  assert.deepEqual(verdicts(results), [['unknown', 'bb-acme']]);
});
