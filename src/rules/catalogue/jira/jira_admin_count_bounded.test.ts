import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_admin_count_bounded.rule.ts';
import { group, member } from './test-records.ts';

const site = TEST_SITE.cloudId;
const siteAdmins = group('site-admins', ['site-admin']);
const jiraAdmins = group('jira-admins-acme', ['admin']);
const users = group('jira-software-users-acme', ['user']);
const groups = [siteAdmins, jiraAdmins, users];

const people = (g: typeof siteAdmins, ids: string[]) => ids.map((id) => member(g, id));

test('five admins across the admin groups pass, each counted once', () => {
  const members = [
    ...people(siteAdmins, ['ada', 'bo', 'cy']),
    ...people(jiraAdmins, ['cy', 'di', 'ed']),
    ...people(users, ['ada', 'fay', 'gus', 'hal']),
  ];
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.groups': groups, 'jira.group-members': members } }),
  );
  assert.deepEqual(verdicts(results), [['pass', site]]);
  assert.equal(results[0]?.message, '5 people administer Jira (at most 5).');
});

test('seven site admins fail, naming them', () => {
  const members = people(siteAdmins, ['ada', 'bo', 'cy', 'di', 'ed', 'fay', 'gus']);
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.groups': groups, 'jira.group-members': members } }),
  );
  assert.deepEqual(verdicts(results), [['fail', site]]);
  assert.equal(
    results[0]?.message,
    '7 people administer Jira (through site-admins, jira-admins-acme), more than 5: ada, bo, cy, di, ed, fay, gus.',
  );
});

test('app accounts, deactivated accounts and excluded accounts are not counted', () => {
  const members = [
    ...people(siteAdmins, ['ada', 'bo', 'cy', 'di', 'ed']),
    member(jiraAdmins, 'backup-app', { accountType: 'app' }),
    member(jiraAdmins, 'leaver', { active: false }),
    member(jiraAdmins, 'break-glass'),
  ];
  const snapshot = testSnapshot({ datasets: { 'jira.groups': groups, 'jira.group-members': members } });
  assert.deepEqual(verdicts(runRule(rule, snapshot)), [['fail', site]]);
  const tuned = runRule(rule, snapshot, {
    settings: { jira_admin_count_bounded: { excludedAccounts: ['break-glass'] } },
  });
  assert.deepEqual(verdicts(tuned), [['pass', site]]);
});

test('the threshold is a setting', () => {
  const members = people(siteAdmins, ['ada', 'bo', 'cy']);
  const snapshot = testSnapshot({ datasets: { 'jira.groups': groups, 'jira.group-members': members } });
  const results = runRule(rule, snapshot, { settings: { jira_admin_count_bounded: { maxAdmins: 2 } } });
  assert.deepEqual(verdicts(results), [['fail', site]]);
});

test('group members read only in part cannot pass', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'jira.groups': groups, 'jira.group-members': people(siteAdmins, ['ada']) },
      outcomes: { 'jira.group-members': { status: 'partial', reason: 'a group could not be read' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', site]]);
});

test('group members the credential may not read make the site unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'jira.groups': groups },
      outcomes: { 'jira.group-members': { status: 'forbidden', missingScope: null, reason: 'HTTP 403' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', site]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_forbidden');
});
