import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_dev_mode_disabled.rule.ts';

function attested(developmentMode?: boolean) {
  const value = developmentMode === undefined ? { blockUserApps: true } : { developmentMode };
  return {
    attestations: [testAttestation('attested.connected-apps-settings', value, { scope: TEST_SITE.cloudId })],
  };
}

test('a site with development mode off passes', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot(), attested(false))), [['pass', TEST_SITE.cloudId]]);
});

test('a production site with development mode on fails; a declared sandbox is not applicable', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot(), attested(true))), [['fail', TEST_SITE.cloudId]]);
  const sandbox = runRule(rule, testSnapshot(), {
    ...attested(true),
    settings: { org_dev_mode_disabled: { sandboxSites: ['ACME'] } },
  });
  assert.deepEqual(verdicts(sandbox), [['not_applicable', TEST_SITE.cloudId]]);
});

test('an attestation silent on development mode, or none, is unknown', () => {
  assert.deepEqual(verdicts(runRule(rule, testSnapshot(), attested())), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(runRule(rule, testSnapshot())[0]?.reasons?.[0]?.code, 'attestation_missing');
});
