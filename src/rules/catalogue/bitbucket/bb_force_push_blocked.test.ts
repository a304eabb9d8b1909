import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_force_push_blocked.rule.ts';
import { BY_BRANCH_TYPE, branchesSnapshot, repo, restriction, workspaceSnapshot } from './test-records.ts';

test('a force restriction matching the main branch by pattern passes; a repository without one fails', () => {
  const results = runRule(
    rule,
    branchesSnapshot(
      [repo('api'), repo('web')],
      [
        restriction('api', 'force', { pattern: '*' }),
        restriction('web', 'push'),
        restriction('web', 'delete'),
      ],
    ),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['fail', '{repo-web}'],
  ]);
  assert.equal(results[0]?.message, 'On acme/api:main, force pushes are blocked.');
  assert.match(results[1]?.message ?? '', /can force-push/);
});

test('a force restriction by branch type that covers the main branch passes', () => {
  const results = runRule(
    rule,
    branchesSnapshot([repo('api')], [restriction('api', 'force', BY_BRANCH_TYPE)]),
  );
  assert.deepEqual(verdicts(results), [['pass', '{repo-api}']]);
  const evidence = results[0]?.evidence as { restrictions: { kind: string; match: string }[] };
  assert.deepEqual(
    evidence.restrictions.map((r) => [r.kind, r.match]),
    [['force', 'type development']],
  );
});

test('branch restrictions the credential may not read make each repository check unknown', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      datasets: { 'bitbucket.repositories': [repo('api')] },
      outcomes: {
        'bitbucket.branch-restrictions': {
          status: 'forbidden',
          missingScope: 'repository:admin',
          reason: null,
        },
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'bb-acme']]);
  assert.match(results[0]?.message ?? '', /repository:admin/);
});
