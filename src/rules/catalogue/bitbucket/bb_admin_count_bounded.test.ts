import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_admin_count_bounded.rule.ts';
import { member, workspaceSnapshot } from './test-records.ts';

const team = [
  member('Ada', 'owner'),
  member('Ben', 'owner'),
  member('Cy', 'member'),
  member('Dee', 'collaborator'),
  member('Eve', 'owner'),
];

test('three workspace admins pass, counting only the owner permission', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.members': team } }));
  assert.deepEqual(verdicts(results), [['pass', 'bb-acme']]);
  assert.equal(results[0]?.message, '3 workspace admins: Ada, Ben, Eve.');
  assert.equal(results[0]?.resource.type, 'workspace');
});

test('too many admins, or a single one, fail; the bounds are settings', () => {
  const many = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.members': team } }), {
    settings: { bb_admin_count_bounded: { maxAdmins: 2 } },
  });
  assert.equal(many[0]?.message, '3 workspace admins, more than 2: Ada, Ben, Eve.');
  const one = runRule(
    rule,
    workspaceSnapshot({
      datasets: { 'bitbucket.members': [member('Ada', 'owner'), member('Cy', 'member')] },
    }),
  );
  assert.deepEqual(verdicts(one), [['fail', 'bb-acme']]);
  assert.equal(one[0]?.message, '1 workspace admin, fewer than 2: Ada.');
});

test('members that could not be read make the count unknown', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      outcomes: { 'bitbucket.members': { status: 'forbidden', missingScope: 'account', reason: null } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'bb-acme']]);
});
