import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_keys_rotated.rule.ts';
import { daysAgo, deployKey, workspaceSnapshot } from './test-records.ts';

const keys = [
  deployKey('1', { label: 'ci', addedOn: daysAgo(30) }),
  deployKey('2', { label: 'old deploy', addedOn: daysAgo(400) }),
  deployKey('3', {
    level: 'project',
    repository: null,
    projectKey: 'CORE',
    label: '',
    addedOn: daysAgo(200),
  }),
  deployKey('4', { label: 'undated', addedOn: null }),
];

test('keys older than 180 days fail, named by label and where they were added', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.deploy-keys': keys } }));
  assert.deepEqual(verdicts(results), [
    ['pass', 'repository:acme/api#1'],
    ['fail', 'repository:acme/api#2'],
    ['fail', 'project:CORE#3'],
    ['unknown', 'repository:acme/api#4'],
  ]);
  assert.equal(results[1]?.message, 'old deploy (acme/api) was added 400 days ago (limit 180).');
  assert.equal(results[2]?.resource.name, 'Unlabelled key (project CORE)');
});

test('the age limit is a setting', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.deploy-keys': keys } }), {
    settings: { bb_keys_rotated: { maxAgeDays: 365 } },
  });
  assert.deepEqual(
    verdicts(results).map(([s]) => s),
    ['pass', 'fail', 'pass', 'unknown'],
  );
});
