import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_no_dormant_admins.rule.ts';
import { daysAgo, member, workspaceSnapshot } from './test-records.ts';

const members = [
  member('Ada', 'owner'),
  member('Ben', 'owner', { lastAccessed: daysAgo(200) }),
  member('Cy', 'owner', { lastAccessed: null }),
  member('Dee', 'member', { lastAccessed: daysAgo(400) }),
];

test('an admin idle for 200 days fails; an admin without a recorded access is unknown', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.members': members } }));
  assert.deepEqual(verdicts(results), [
    ['pass', 'acc-ada'],
    ['fail', 'acc-ben'],
    ['unknown', 'acc-cy'],
  ]);
  assert.equal(results[1]?.message, 'Workspace admin Ben last accessed the workspace 200 days ago.');
});

test('the idle limit is a setting', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.members': members } }), {
    settings: { bb_no_dormant_admins: { maxIdleDays: 365 } },
  });
  assert.deepEqual(
    verdicts(results).map(([s]) => s),
    ['pass', 'pass', 'unknown'],
  );
});
