import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jsm_help_center_login_required.rule.ts';

const site = { ...TEST_SITE, products: { 'jira-service-management': 'standard' } } as const;
const snapshot = testSnapshot({ sites: [site] });

function run(loginRequired: boolean) {
  const attestation = testAttestation(
    'attested.jsm-customer-access',
    { accountCreation: 'disabled', allowedDomains: [], loginRequired },
    { scope: site.cloudId },
  );
  return runRule(rule, snapshot, { attestations: [attestation] });
}

test('help centers that require a login pass', () => {
  const results = run(true);
  assert.deepEqual(verdicts(results), [['pass', site.cloudId]]);
  assert.equal(results[0]?.resource.type, 'help-center');
});

test('help centers open without a login fail', () => {
  const results = run(false);
  assert.deepEqual(verdicts(results), [['fail', site.cloudId]]);
  assert.equal(results[0]?.message, 'Anyone can view the help centers and portals without logging in.');
});

test('with no attestation the help center login is unknown', () => {
  const results = runRule(rule, snapshot);
  assert.deepEqual(verdicts(results), [['unknown', site.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});

test('an attestation recorded after the evaluation time is not used', () => {
  const attestation = testAttestation(
    'attested.jsm-customer-access',
    { accountCreation: 'disabled', allowedDomains: [], loginRequired: true },
    { scope: site.cloudId, attestedAt: '2025-07-01T00:00:00.000Z', expiresAt: '2025-09-01T00:00:00.000Z' },
  );
  const results = runRule(rule, snapshot, { attestations: [attestation] });
  assert.deepEqual(verdicts(results), [['unknown', site.cloudId]]);
});
