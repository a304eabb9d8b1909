import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_no_dormant_admins.rule.ts';
import { daysAgo, ORG_ADMIN, orgUser, SITE_ADMIN } from './test-records.ts';

const users = [
  orgUser('ada', { platformRoles: ORG_ADMIN }),
  orgUser('jordan', { platformRoles: ORG_ADMIN, lastActive: daysAgo(75) }),
  orgUser('sid', { platformRoles: SITE_ADMIN, lastActive: null, addedToOrg: daysAgo(60) }),
  orgUser('ben', { lastActive: daysAgo(75) }),
  orgUser('bg', { platformRoles: ORG_ADMIN, lastActive: daysAgo(200), managementSource: 'invited' }),
];

test('admins who were all active in the last 30 days pass', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users.slice(0, 1) } }));
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
});

test('an org admin idle for 75 days and a site admin who never signed in fail; plain users are not judged', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }), {
    settings: { org_no_dormant_admins: { breakGlassAccounts: ['bg'] } },
  });
  assert.deepEqual(verdicts(results), [
    ['fail', 'jordan'],
    ['fail', 'sid'],
  ]);
  assert.equal(results[0]?.message, 'Jordan (org-admin): last active 75 days ago.');
  assert.equal(results[1]?.message, 'Sid (site-admin): never active since being added 60 days ago.');
});

test('without the break-glass setting the idle break-glass admin fails like any other', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }));
  assert.ok(results.some((r) => r.resource.id === 'bg' && r.status === 'fail'));
});

test('a directory the key may not read makes the check unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      outcomes: { 'org.users': { status: 'forbidden', missingScope: null, reason: 'HTTP 403' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
});
