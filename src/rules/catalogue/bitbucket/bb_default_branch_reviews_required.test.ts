import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_default_branch_reviews_required.rule.ts';
import { branchesSnapshot, repo, restriction } from './test-records.ts';

const snapshot = branchesSnapshot(
  [repo('api'), repo('web'), repo('ops')],
  [
    restriction('api', 'require_approvals_to_merge', { value: 2 }),
    restriction('web', 'require_approvals_to_merge', { value: 1 }),
    restriction('ops', 'push'),
  ],
);

test('a main branch needing an approval passes; one merged without any fails', () => {
  const results = runRule(rule, snapshot);
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['pass', '{repo-web}'],
    ['fail', '{repo-ops}'],
  ]);
  assert.equal(
    results[2]?.message,
    'On acme/ops:main, pull requests can merge with fewer than 1 approval(s).',
  );
});

test('the number of approvals required is a setting', () => {
  const results = runRule(rule, snapshot, {
    settings: { bb_default_branch_reviews_required: { minApprovals: 2 } },
  });
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['fail', '{repo-web}'],
    ['fail', '{repo-ops}'],
  ]);
});
