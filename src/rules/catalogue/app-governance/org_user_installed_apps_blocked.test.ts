import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_user_installed_apps_blocked.rule.ts';

const at = { scope: TEST_SITE.cloudId };

test('a site that blocks user apps passes', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.connected-apps-settings', { blockUserApps: true }, at)],
  });
  assert.deepEqual(verdicts(results), [['pass', TEST_SITE.cloudId]]);
});

test('a site that lets users install apps fails', () => {
  const results = runRule(rule, testSnapshot(), {
    attestations: [testAttestation('attested.connected-apps-settings', { blockUserApps: false }, at)],
  });
  assert.deepEqual(verdicts(results), [['fail', TEST_SITE.cloudId]]);
});

test('each site needs its own attestation; one that omits the setting is unknown', () => {
  const labs = { ...TEST_SITE, cloudId: 'cloud-labs', name: 'acme-labs' };
  const results = runRule(rule, testSnapshot({ sites: [TEST_SITE, labs] }), {
    attestations: [testAttestation('attested.connected-apps-settings', { developmentMode: false }, at)],
  });
  assert.deepEqual(verdicts(results), [
    ['unknown', TEST_SITE.cloudId],
    ['unknown', 'cloud-labs'],
  ]);
  assert.equal(results[1]?.reasons?.[0]?.code, 'attestation_missing');
});
