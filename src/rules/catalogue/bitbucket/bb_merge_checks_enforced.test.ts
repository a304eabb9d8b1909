import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_merge_checks_enforced.rule.ts';
import { BY_BRANCH_TYPE, branchesSnapshot, repo, restriction } from './test-records.ts';

const snapshot = branchesSnapshot(
  [repo('api'), repo('web'), repo('ops')],
  [
    restriction('api', 'require_passing_builds_to_merge', { value: 1 }),
    restriction('api', 'reset_pullrequest_approvals_on_change'),
    restriction('api', 'enforce_merge_checks'),
    restriction('web', 'require_passing_builds_to_merge', { value: 1 }),
    restriction('web', 'smart_reset_pullrequest_approvals'),
    restriction('ops', 'require_approvals_to_merge', { value: 2 }),
  ],
);

test('passing builds and approval resets on the main branch pass; a branch with neither fails naming both', () => {
  const results = runRule(rule, snapshot);
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['pass', '{repo-web}'],
    ['fail', '{repo-ops}'],
  ]);
  assert.equal(
    results[0]?.message,
    'On acme/api:main, merges need passing builds and fresh approvals (enforced).',
  );
  assert.equal(
    results[2]?.message,
    'On acme/ops:main, passing builds are not required; approvals are not reset when the pull request changes.',
  );
});

test('with requireEnforcement (Premium), checks that only warn fail', () => {
  const results = runRule(rule, snapshot, {
    settings: { bb_merge_checks_enforced: { requireEnforcement: true } },
  });
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['fail', '{repo-web}'],
    ['fail', '{repo-ops}'],
  ]);
  assert.equal(results[1]?.message, 'On acme/web:main, merge checks are not enforced (they only warn).');
});

test('merge checks by branch type whose reach is unreadable are unknown; an empty repository is not applicable', () => {
  const byType = { ...BY_BRANCH_TYPE, appliesToMainBranch: null };
  const results = runRule(
    rule,
    branchesSnapshot(
      [repo('model'), repo('empty', { mainBranch: null })],
      [
        restriction('model', 'require_passing_builds_to_merge', { ...byType, value: 1 }),
        restriction('model', 'reset_pullrequest_approvals_on_change', byType),
      ],
    ),
  );
  assert.deepEqual(verdicts(results), [
    ['unknown', '{repo-model}'],
    ['not_applicable', '{repo-empty}'],
  ]);
});
