import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_no_dormant_managed_users.rule.ts';
import { daysAgo, orgUser } from './test-records.ts';

const users = [
  orgUser('ada'),
  orgUser('idle', { lastActive: daysAgo(120) }),
  orgUser('ghost', { lastActive: null, addedToOrg: daysAgo(200) }),
  orgUser('new', { lastActive: null, addedToOrg: daysAgo(3) }),
  orgUser('gone', { lastActive: daysAgo(300), accountStatus: 'inactive', status: 'deactivated' }),
  orgUser('ext', { lastActive: daysAgo(300), claimStatus: 'unmanaged', emailDomain: 'gmail.com' }),
  orgUser('bg', { lastActive: daysAgo(365) }),
];

test('an organization whose active managed accounts were all used recently passes', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.users': [orgUser('ada'), orgUser('ben', { lastActive: daysAgo(89) })] },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(results[0]?.message, 'All 2 active managed accounts were active in the last 90 days.');
});

test('idle and never-used accounts fail; new, deactivated and unmanaged accounts do not', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }));
  assert.deepEqual(verdicts(results), [
    ['fail', 'idle'],
    ['fail', 'ghost'],
    ['fail', 'bg'],
  ]);
  assert.equal(results[0]?.message, 'Idle: last active 120 days ago, and the account can still sign in.');
  assert.equal(
    results[1]?.message,
    'Ghost: never active since being added 200 days ago, and the account can still sign in.',
  );
});

test('declared break-glass accounts are idle by design and not judged; the limit is a setting', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }), {
    settings: { org_no_dormant_managed_users: { breakGlassAccounts: ['bg'], maxIdleDays: 150 } },
  });
  assert.deepEqual(verdicts(results), [['fail', 'ghost']]);
});

test('a directory that could not be read makes the check unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({ outcomes: { 'org.users': { status: 'failed', reason: 'HTTP 503' } } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_failed');
});
