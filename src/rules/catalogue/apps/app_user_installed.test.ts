import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminUser, installation, plainUser, USER_ID } from '../../../app-risk/model/testing/fixtures.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './app_user_installed.rule.ts';

const installs = [
  installation({ appKey: 'a.admin' }),
  installation({ appKey: 'b.user', installedBy: USER_ID, installedByName: 'Uma User' }),
  installation({ appKey: 'c.flag', userInstalled: true }),
  installation({ appKey: 'd.nobody', installedBy: null, installedByName: null, installSource: null }),
];

test('installed by an admin passes; by a non-admin or flagged user-installed fails; unknown installer is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'apps.installations': installs, 'org.users': [adminUser, plainUser] } }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'jira:a.admin'],
    ['fail', 'jira:b.user'],
    ['fail', 'jira:c.flag'],
    ['unknown', 'jira:d.nobody'],
  ]);
  assert.match(results[1]?.message ?? '', /Uma User, who is not an admin/);
});

test('without the org directory or admin groups, whether the installer is an admin is unknown', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'apps.installations': installs } }));
  assert.deepEqual(verdicts(results), [
    ['unknown', 'jira:a.admin'],
    ['unknown', 'jira:b.user'],
    ['fail', 'jira:c.flag'],
    ['unknown', 'jira:d.nobody'],
  ]);
});
