import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_default_branch_protected.rule.ts';
import { BY_BRANCH_TYPE, branchesSnapshot, repo, restriction, workspaceSnapshot } from './test-records.ts';

test('a push restriction on the main branch passes; one on another branch does not protect it', () => {
  const results = runRule(
    rule,
    branchesSnapshot(
      [repo('api'), repo('web')],
      [
        restriction('api', 'push'),
        restriction('web', 'push', { pattern: 'release/*', appliesToMainBranch: false }),
        restriction('web', 'force'),
      ],
    ),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['fail', '{repo-web}'],
  ]);
  assert.equal(
    results[1]?.message,
    'On acme/web:main, anyone with write access can push directly (no `push` restriction covers it).',
  );
});

test('an empty repository is not applicable, and a restriction by branch type whose reach is unreadable is unknown', () => {
  const results = runRule(
    rule,
    branchesSnapshot(
      [repo('empty', { mainBranch: null }), repo('model')],
      [restriction('model', 'push', { ...BY_BRANCH_TYPE, appliesToMainBranch: null })],
    ),
  );
  assert.deepEqual(verdicts(results), [
    ['not_applicable', '{repo-empty}'],
    ['unknown', '{repo-model}'],
  ]);
});

test('branch restrictions read in part cannot pass, but what they show unprotected still fails', () => {
  const snapshot = workspaceSnapshot({
    datasets: {
      'bitbucket.repositories': [repo('api'), repo('web')],
      'bitbucket.branch-restrictions': [restriction('api', 'push')],
    },
    outcomes: { 'bitbucket.branch-restrictions': { status: 'partial', reason: '1 repository unreadable' } },
  });
  assert.deepEqual(verdicts(runRule(rule, snapshot)), [
    ['unknown', '{repo-api}'],
    ['fail', '{repo-web}'],
  ]);
});
