import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_space_admin_not_broad.rule.ts';
import { accessGroup, grant, space } from './space-fixtures.ts';

const groups = [
  accessGroup('confluence-users-acme', 'user'),
  accessGroup('confluence-admins-acme', 'admin'),
  accessGroup('site-admins', 'site-admin', 'user'),
];

const docs = space('DOCS', [
  grant('read/space', 'group', 'confluence-users-acme'),
  grant('create/page', 'group', 'confluence-users-acme'),
  grant('administer/space', 'group', 'confluence-admins-acme'),
  grant('administer/space', 'group', 'site-admins'),
  grant('administer/space', 'user', 'owner-1'),
  grant('delete/page', 'group', 'confluence-users-acme'),
]);
const eng = space('ENG', [
  grant('read/space', 'group', 'confluence-users-acme'),
  grant('administer/space', 'group', 'confluence-users-acme'),
  grant('delete/space', 'group', 'confluence-users-acme'),
]);
const team = space('TEAM', [grant('administer/space', 'group', 'everyone')]);

test('spaces administered only by admin groups and owners pass; deleting pages is not deleting the space', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'confluence.spaces': [docs], 'confluence.groups': groups } }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'DOCS']]);
});

test('a space the product access group administers and may delete fails, naming the group and rights', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'confluence.spaces': [docs, eng], 'confluence.groups': groups } }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'DOCS'],
    ['fail', 'ENG'],
  ]);
  assert.equal(
    results[1]?.message,
    'ENG lets broad groups administer or delete it: confluence-users-acme (administer/space, delete/space).',
  );
});

test('a group the organization declares broad counts even though it confers no product access', () => {
  const snapshot = testSnapshot({ datasets: { 'confluence.spaces': [team], 'confluence.groups': groups } });
  assert.deepEqual(verdicts(runRule(rule, snapshot)), [['pass', 'TEAM']]);
  const tuned = runRule(rule, snapshot, {
    settings: { conf_space_admin_not_broad: { broadGroups: ['Everyone'] } },
  });
  assert.deepEqual(verdicts(tuned), [['fail', 'TEAM']]);
});

test('without the access groups the broad ones cannot be told, so the site is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'confluence.spaces': [eng] },
      outcomes: { 'confluence.groups': { status: 'forbidden', missingScope: null, reason: 'HTTP 403' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
});
