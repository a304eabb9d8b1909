import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_branch_deletion_blocked.rule.ts';
import { branchesSnapshot, repo, restriction } from './test-records.ts';

test('a delete restriction on the main branch passes; one on other branches only fails', () => {
  const results = runRule(
    rule,
    branchesSnapshot(
      [repo('api'), repo('web')],
      [
        restriction('api', 'delete'),
        restriction('web', 'delete', { pattern: 'release/*', appliesToMainBranch: false }),
      ],
    ),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['fail', '{repo-web}'],
  ]);
  assert.equal(
    results[1]?.message,
    'On acme/web:main, anyone with write access can delete the branch (no `delete` restriction covers it).',
  );
});

test('a workspace without repositories has nothing to fail', () => {
  const results = runRule(rule, branchesSnapshot([], []));
  assert.deepEqual(verdicts(results), [['pass', 'bb-acme']]);
});
