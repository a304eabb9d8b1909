import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_deploy_keys_used.rule.ts';
import { daysAgo, deployKey, workspaceSnapshot } from './test-records.ts';

const keys = [
  deployKey('1', { label: 'ci', lastUsed: daysAgo(3) }),
  deployKey('2', { label: 'old build box', addedOn: daysAgo(300), lastUsed: daysAgo(120) }),
  deployKey('3', { label: 'new', addedOn: daysAgo(2), lastUsed: null }),
  deployKey('4', { label: 'spare', addedOn: daysAgo(60), lastUsed: null }),
];

test('a key idle for 120 days and one never used in 60 days fail; recent and brand-new keys pass', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.deploy-keys': keys } }));
  assert.deepEqual(
    verdicts(results).map(([s]) => s),
    ['pass', 'fail', 'pass', 'fail'],
  );
  assert.equal(results[1]?.message, 'old build box (acme/api) was last used 120 days ago.');
  assert.equal(
    results[3]?.message,
    'spare (acme/api) has no recorded use in the 60 days since it was added.',
  );
});

test('the idle limit is a setting', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.deploy-keys': keys } }), {
    settings: { bb_deploy_keys_used: { maxUnusedDays: 180, neverUsedGraceDays: 90 } },
  });
  assert.deepEqual(
    verdicts(results).map(([s]) => s),
    ['pass', 'pass', 'pass', 'pass'],
  );
});
