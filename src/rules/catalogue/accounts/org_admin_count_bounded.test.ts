import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_admin_count_bounded.rule.ts';
import { ORG_ADMIN, orgUser, SITE_ADMIN } from './test-records.ts';

const admin = (id: string, fields = {}) => orgUser(id, { platformRoles: ORG_ADMIN, ...fields });

test('three active org admins pass, and site admins are not counted', () => {
  const users = [
    admin('ada'),
    admin('ben'),
    admin('cy'),
    orgUser('sid', { platformRoles: SITE_ADMIN }),
    orgUser('dee'),
  ];
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }));
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(results[0]?.message, '3 org admins: Ada, Ben, Cy.');
});

test('five org admins fail; declared break-glass and deactivated admins are not counted', () => {
  const users = ['a', 'b', 'c', 'd', 'e'].map((id) => admin(id));
  assert.deepEqual(verdicts(runRule(rule, testSnapshot({ datasets: { 'org.users': users } }))), [
    ['fail', 'org-1'],
  ]);
  const tuned = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.users': [
          ...users.slice(0, 4),
          admin('e', { accountStatus: 'inactive', status: 'deactivated' }),
          admin('bg'),
        ],
      },
    }),
    { settings: { org_admin_count_bounded: { breakGlassAccounts: ['bg'] } } },
  );
  assert.deepEqual(verdicts(tuned), [['pass', 'org-1']]);
  assert.deepEqual(tuned[0]?.evidence?.breakGlass, ['bg']);
  assert.deepEqual(tuned[0]?.evidence?.inactive, ['e']);
});

test('a single org admin fails: one departure would lock the organization out', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': [admin('ada'), orgUser('ben')] } }));
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.equal(results[0]?.message, '1 org admin, fewer than 2: Ada.');
});

test('a directory read only in part cannot pass the count', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.users': [admin('ada'), admin('ben')] },
      outcomes: { 'org.users': { status: 'partial', reason: 'HTTP 500 on page 4' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
});

test('without an org API key the count is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({ org: { hasCredential: false }, datasets: { 'org.users': [] } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'credential_missing');
});
