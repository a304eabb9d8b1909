import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_browse_not_all_users_when_externals.rule.ts';
import { grant, group, member, orgUser, project, scheme, verifiedDomain } from './test-records.ts';

const users = group('jira-software-users-acme', ['user']);
const admins = group('site-admins', ['site-admin']);
const open = scheme(0, 'Default Permission Scheme', [grant('BROWSE_PROJECTS', 'applicationRole')]);
const closed = scheme(10001, 'Restricted projects', [grant('BROWSE_PROJECTS', 'projectRole', '10001')]);
const staff = orgUser('ada', 'acme.example');
const eu = orgUser('eve', 'eu.acme.example');
const contractor = orgUser('kim', 'northwind.example', { claimStatus: 'unmanaged' });
const gmail = orgUser('lou', 'gmail.com', { claimStatus: 'unmanaged' });
const closedGmail = orgUser('max', 'gmail.com', { accountStatus: 'closed' });

const base = {
  'jira.permission-schemes': [open, closed],
  'jira.groups': [users, admins],
  'org.domains': [verifiedDomain('acme.example')],
};

test('open browsing passes while only staff have Jira access', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        ...base,
        'org.users': [staff, eu, contractor],
        'jira.group-members': [member(users, 'ada'), member(users, 'eve'), member(admins, 'ada')],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', '0'],
    ['pass', '10001'],
  ]);
  assert.match(results[0]?.message ?? '', /no external account has Jira access/);
});

test('open browsing fails once external accounts have Jira access, naming their domains and the projects', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        ...base,
        'org.users': [staff, contractor, gmail, closedGmail],
        'jira.group-members': [
          member(users, 'ada'),
          member(users, 'kim'),
          member(users, 'lou'),
          member(users, 'max'),
        ],
        'jira.projects': [
          project('MKT', { permissionSchemeId: 0 }),
          project('SEC', { permissionSchemeId: 10001 }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', '0'],
    ['pass', '10001'],
  ]);
  assert.equal(
    results[0]?.message,
    'Default Permission Scheme lets every logged-in user browse its projects (used by MKT), and 2 external accounts (gmail.com, northwind.example) have Jira access.',
  );
});

test('domains the organization declares internal are not external', () => {
  const snapshot = testSnapshot({
    datasets: { ...base, 'org.users': [contractor], 'jira.group-members': [member(users, 'kim')] },
  });
  assert.deepEqual(verdicts(runRule(rule, snapshot))[0], ['fail', '0']);
  const tuned = runRule(rule, snapshot, {
    settings: { jira_browse_not_all_users_when_externals: { internalDomains: ['northwind.example'] } },
  });
  assert.deepEqual(verdicts(tuned)[0], ['pass', '0']);
});

test('when the product access groups’ members were not read, open browsing is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { ...base, 'org.users': [staff, gmail], 'jira.group-members': [member(admins, 'ada')] },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['unknown', '0'],
    ['pass', '10001'],
  ]);
});

test('without the org directory the site is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { ...base, 'jira.group-members': [member(users, 'ada')] },
      outcomes: {
        'org.users': { status: 'forbidden', missingScope: 'read:directories:admin', reason: null },
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_forbidden');
});

test('when the verification of the staff domain is not given, open browsing is unknown rather than failing its staff', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        ...base,
        'org.domains': [{ ...verifiedDomain('acme.example'), status: 'unknown', verified: false }],
        'org.users': [staff, eu],
        'jira.group-members': [member(users, 'ada'), member(users, 'eve')],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['unknown', '0'],
    ['pass', '10001'],
  ]);
  assert.match(results[0]?.message ?? '', /verification of acme\.example is not given/);
});
