import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_project_admin_not_broad.rule.ts';
import { grant, group, groupActor, project, projectRole, scheme, userActor } from './test-records.ts';

const ADMINS = 10002;
const users = group('jira-software-users-acme', ['user']);
const jiraAdmins = group('jira-admins-acme', ['admin', 'user']);
const groups = [users, jiraAdmins];

const internal = scheme(10000, 'Internal projects', [
  grant('BROWSE_PROJECTS', 'group', users.name),
  grant('ADMINISTER_PROJECTS', 'projectRole', String(ADMINS)),
]);
const loose = scheme(10001, 'Loose', [grant('ADMINISTER_PROJECTS', 'applicationRole')]);

const web = project('WEB', { permissionSchemeId: 10000 });
const pay = project('PAY', { permissionSchemeId: 10000 });
const ops = project('OPS', { permissionSchemeId: 10001 });
const lost = project('LOST', { permissionSchemeId: null });

const adminsOf = (p: typeof web, ...actors: ReturnType<typeof groupActor>[]) =>
  projectRole(p, ADMINS, 'Administrators', [...actors, userActor('lead')], true);

test('projects administered by the admin group and their lead pass', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'jira.projects': [web],
        'jira.permission-schemes': [internal],
        'jira.project-roles': [adminsOf(web, groupActor(jiraAdmins))],
        'jira.groups': groups,
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', web.id]]);
});

test('a project whose Administrators role holds the product access group fails', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'jira.projects': [web, pay],
        'jira.permission-schemes': [internal],
        'jira.project-roles': [adminsOf(web, groupActor(jiraAdmins)), adminsOf(pay, groupActor(users))],
        'jira.groups': groups,
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', web.id],
    ['fail', pay.id],
  ]);
  assert.equal(
    results[1]?.message,
    'Everyone can administer PAY: group jira-software-users-acme in the Administrators role.',
  );
});

test('a scheme granting Administer Projects to any logged-in user fails its projects', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'jira.projects': [ops],
        'jira.permission-schemes': [internal, loose],
        'jira.project-roles': [],
        'jira.groups': groups,
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['fail', ops.id]]);
  assert.equal(results[0]?.message, 'Everyone can administer OPS: any logged-in user (scheme Loose).');
});

test('a group the organization declares broad fails like a product access group', () => {
  const staff = group('all-staff', []);
  const snapshot = testSnapshot({
    datasets: {
      'jira.projects': [web],
      'jira.permission-schemes': [internal],
      'jira.project-roles': [adminsOf(web, groupActor(staff))],
      'jira.groups': groups,
    },
  });
  assert.deepEqual(verdicts(runRule(rule, snapshot)), [['pass', web.id]]);
  const tuned = runRule(rule, snapshot, {
    settings: { jira_project_admin_not_broad: { broadGroups: ['All-Staff'] } },
  });
  assert.deepEqual(verdicts(tuned), [['fail', web.id]]);
});

test('a project whose permission scheme is unknown and whose admin role is narrow is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'jira.projects': [lost],
        'jira.permission-schemes': [internal],
        'jira.project-roles': [adminsOf(lost, groupActor(jiraAdmins))],
        'jira.groups': groups,
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', lost.id]]);
});

test('project roles that could not be read make the site unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'jira.projects': [web], 'jira.permission-schemes': [internal], 'jira.groups': groups },
      outcomes: { 'jira.project-roles': { status: 'failed', reason: 'HTTP 500' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
});
