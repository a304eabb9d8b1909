import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_stale_repos_archived.rule.ts';
import { daysAgo, repo, workspaceSnapshot } from './test-records.ts';

const snapshot = workspaceSnapshot({
  datasets: {
    'bitbucket.repositories': [
      repo('api', { updatedOn: daysAgo(20) }),
      repo('legacy', { updatedOn: daysAgo(500) }),
      repo('tools', { updatedOn: daysAgo(200) }),
      repo('mystery', { updatedOn: null }),
    ],
  },
});

test('a repository unchanged for over a year fails; recent ones pass; one without a date is unknown', () => {
  const results = runRule(rule, snapshot);
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['fail', '{repo-legacy}'],
    ['pass', '{repo-tools}'],
    ['unknown', '{repo-mystery}'],
  ]);
  assert.equal(results[1]?.message, 'acme/legacy has not changed in 500 days (more than 12 months).');
});

test('the number of months is a setting', () => {
  const results = runRule(rule, snapshot, { settings: { bb_stale_repos_archived: { staleMonths: 6 } } });
  assert.deepEqual(verdicts(results).slice(0, 3), [
    ['pass', '{repo-api}'],
    ['fail', '{repo-legacy}'],
    ['fail', '{repo-tools}'],
  ]);
});
