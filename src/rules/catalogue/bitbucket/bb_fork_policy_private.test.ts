import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_fork_policy_private.rule.ts';
import { repo, workspace, workspaceSnapshot } from './test-records.ts';

const repositories = [
  repo('api', { forkPolicy: 'no_public_forks' }),
  repo('web', { forkPolicy: 'no_forks' }),
  repo('site', { isPrivate: false, forkPolicy: 'allow_forks' }),
];

test('a workspace that keeps forks inside it passes every private repository', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      datasets: { 'bitbucket.repositories': repositories, 'bitbucket.workspace': [workspace()] },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['pass', '{repo-web}'],
  ]);
});

test('with unrestricted workspace forking, a private repository that allows private forks fails', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      datasets: {
        'bitbucket.repositories': repositories,
        'bitbucket.workspace': [workspace({ forkingMode: 'allow_forks' })],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', '{repo-api}'],
    ['pass', '{repo-web}'],
  ]);
  assert.equal(
    results[0]?.message,
    'acme/api can be forked into other workspaces (fork policy no_public_forks, workspace forking allow_forks).',
  );
});

test('a forking mode Bitbucket did not send leaves forkable repositories unknown', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      datasets: {
        'bitbucket.repositories': repositories,
        'bitbucket.workspace': [workspace({ forkingMode: null })],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['unknown', '{repo-api}'],
    ['pass', '{repo-web}'],
  ]);
});
