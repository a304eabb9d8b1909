import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_no_public_filters.rule.ts';
import { shared } from './test-records.ts';

const team = shared('10000', 'Team board', [{ type: 'group', groupName: 'platform-team' }]);
const everyone = shared('10001', 'All open bugs', [{ type: 'loggedin' }]);
const status = shared('10002', 'Public status', [{ type: 'global' }]);

test('a site whose filters are shared only inside the company passes', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'jira.filters': [team, everyone] } }));
  assert.deepEqual(verdicts(results), [['pass', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.message, 'None of the 2 filters is shared with the public.');
});

test('a filter shared with the public fails, naming its owner', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'jira.filters': [team, status],
        'jira.users': [
          { accountId: 'owner-10002', accountType: 'atlassian', displayName: 'Leo Martin', active: true },
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['fail', '10002']]);
  assert.equal(results[0]?.resource.type, 'filter');
  assert.equal(results[0]?.message, 'Filter "Public status" is shared with the public (owner Leo Martin).');
});

test('without the user list the public filter still fails, naming the owner by account id', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'jira.filters': [status] } }));
  assert.deepEqual(verdicts(results), [['fail', '10002']]);
  assert.match(results[0]?.message ?? '', /owner owner-10002/);
});

test('a filter list read only in part cannot pass, but a public filter in it still fails', () => {
  const partial = { status: 'partial' as const, reason: 'page 3 failed' };
  const clean = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.filters': [team] }, outcomes: { 'jira.filters': partial } }),
  );
  assert.deepEqual(verdicts(clean), [['unknown', TEST_SITE.cloudId]]);
  const open = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.filters': [status] }, outcomes: { 'jira.filters': partial } }),
  );
  assert.deepEqual(verdicts(open), [['fail', '10002']]);
});

test('filters the credential may not read make the site unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      outcomes: {
        'jira.filters': { status: 'forbidden', missingScope: 'read:jira-work', reason: 'HTTP 403' },
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_forbidden');
});
