import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_default_share_private.rule.ts';

const site = TEST_SITE.cloudId;

test('a site whose default sharing is attested private passes', () => {
  const attestation = testAttestation(
    'attested.jira-default-share-scope',
    { defaultSharing: 'private' },
    { scope: site },
  );
  const results = runRule(rule, testSnapshot(), { attestations: [attestation] });
  assert.deepEqual(verdicts(results), [['pass', site]]);
});

test('a site whose default sharing is attested public fails', () => {
  const attestation = testAttestation(
    'attested.jira-default-share-scope',
    { defaultSharing: 'public' },
    { scope: site },
  );
  const results = runRule(rule, testSnapshot(), { attestations: [attestation] });
  assert.deepEqual(verdicts(results), [['fail', site]]);
});

test('with no attestation the default sharing is unknown', () => {
  const results = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', site]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});

test('an expired attestation makes the default sharing unknown again', () => {
  const attestation = testAttestation(
    'attested.jira-default-share-scope',
    { defaultSharing: 'private' },
    { scope: site, attestedAt: '2025-01-01T00:00:00.000Z', expiresAt: '2025-03-01T00:00:00.000Z' },
  );
  const results = runRule(rule, testSnapshot(), { attestations: [attestation] });
  assert.deepEqual(verdicts(results), [['unknown', site]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_expired');
});
