import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_public_sharing_disabled.rule.ts';
import { shared } from './test-records.ts';

const site = TEST_SITE.cloudId;
const internal = shared('10000', 'Team board', [{ type: 'loggedin' }]);
const open = shared('10001', 'Public status', [{ type: 'global' }]);

function sharing(publicSharingEnabled: boolean) {
  return testAttestation('attested.jira-public-sharing', { publicSharingEnabled }, { scope: site });
}

test('public sharing attested off, with nothing shared publicly, passes', () => {
  const snapshot = testSnapshot({ datasets: { 'jira.filters': [internal], 'jira.dashboards': [] } });
  const results = runRule(rule, snapshot, { attestations: [sharing(false)] });
  assert.deepEqual(verdicts(results), [['pass', site]]);
  assert.equal(results[0]?.attestations?.[0]?.subject, 'attested.jira-public-sharing');
});

test('public sharing attested on fails', () => {
  const snapshot = testSnapshot({ datasets: { 'jira.filters': [internal], 'jira.dashboards': [] } });
  const results = runRule(rule, snapshot, { attestations: [sharing(true)] });
  assert.deepEqual(verdicts(results), [['fail', site]]);
  assert.match(results[0]?.message ?? '', /Public sharing is on \(attested by Ada Admin\)/);
});

test('public sharing attested off while a dashboard is still public fails, naming it', () => {
  const snapshot = testSnapshot({ datasets: { 'jira.filters': [internal], 'jira.dashboards': [open] } });
  const results = runRule(rule, snapshot, { attestations: [sharing(false)] });
  assert.deepEqual(verdicts(results), [['fail', site]]);
  assert.deepEqual(results[0]?.evidence, {
    publicSharingEnabled: false,
    publicFilters: [],
    publicDashboards: ['Public status'],
  });
});

test('without an attestation the setting is unknown, even when public shares are visible', () => {
  const snapshot = testSnapshot({ datasets: { 'jira.filters': [open], 'jira.dashboards': [] } });
  const results = runRule(rule, snapshot);
  assert.deepEqual(verdicts(results), [['unknown', site]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});

test('an attestation recorded for another site does not count for this one', () => {
  const snapshot = testSnapshot({ datasets: { 'jira.filters': [], 'jira.dashboards': [] } });
  const other = testAttestation(
    'attested.jira-public-sharing',
    { publicSharingEnabled: false },
    { scope: 'other' },
  );
  assert.deepEqual(verdicts(runRule(rule, snapshot, { attestations: [other] })), [['unknown', site]]);
});
