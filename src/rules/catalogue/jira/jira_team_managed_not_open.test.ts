import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_team_managed_not_open.rule.ts';
import { project } from './test-records.ts';

const hr = project('HR', { name: 'People', simplified: true, isPrivate: true });
const mkt = project('MKT', { name: 'Marketing Campaigns', simplified: true, isPrivate: false });
const core = project('CORE', { simplified: false, isPrivate: false });
const old = project('OLD', { simplified: true, isPrivate: false, archived: true });

test('private team-managed projects pass; company-managed and archived ones are not judged', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'jira.projects': [hr, core, old] } }));
  assert.deepEqual(verdicts(results), [['pass', hr.id]]);
});

test('an open team-managed project fails', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'jira.projects': [hr, mkt] } }));
  assert.deepEqual(verdicts(results), [
    ['pass', hr.id],
    ['fail', mkt.id],
  ]);
  assert.equal(
    results[1]?.message,
    'MKT (Marketing Campaigns) is open or limited: everyone with access to Jira can see its issues.',
  );
});

test('a team-managed project declared open on purpose is not applicable', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'jira.projects': [mkt] } }), {
    settings: { jira_team_managed_not_open: { openProjects: ['MKT'] } },
  });
  assert.deepEqual(verdicts(results), [['not_applicable', mkt.id]]);
});

test('a project whose privacy Jira did not report is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.projects': [{ ...mkt, isPrivate: null }] } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', mkt.id]]);
});

test('projects that could not be read make the site unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({ outcomes: { 'jira.projects': { status: 'failed', reason: 'HTTP 500' } } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
});
