import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_anonymous_probe_clean.rule.ts';
import { project, projectProbe, siteProbe } from './test-records.ts';

const road = project('ROAD');
const docs = project('DOCS');
const site = TEST_SITE.cloudId;

test('a site where the anonymous probe holds nothing passes', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.anonymous-permissions': [siteProbe([])] } }),
  );
  assert.deepEqual(verdicts(results), [['pass', site]]);
});

test('a site that refused the unauthenticated probe (401) passes, saying so', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'jira.anonymous-permissions': [{ ...siteProbe([]), anonymousRefused: true }] },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', site]]);
  assert.match(results[0]?.message ?? '', /refuses unauthenticated calls \(401 to the anonymous probe\)/);
  assert.equal(results[0]?.evidence?.anonymousRefused, true);
});

test('a project anonymous visitors can browse fails, and the site itself passes', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'jira.anonymous-permissions': [
          siteProbe(['BROWSE_PROJECTS']),
          projectProbe(road, ['BROWSE_PROJECTS']),
          projectProbe(docs, []),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', road.id],
    ['pass', docs.id],
    ['pass', site],
  ]);
  assert.equal(results[0]?.resource.type, 'project');
  assert.equal(results[0]?.message, 'Anonymous visitors hold BROWSE_PROJECTS in project ROAD.');
});

test('anonymous Browse users and groups fails the site', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.anonymous-permissions': [siteProbe(['USER_PICKER'])] } }),
  );
  assert.deepEqual(verdicts(results), [['fail', site]]);
  assert.equal(results[0]?.message, 'Anonymous visitors hold USER_PICKER site-wide.');
});

test('a project permission held in a project the probe could not name fails the site', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.anonymous-permissions': [siteProbe(['CREATE_ISSUES'])] } }),
  );
  assert.deepEqual(verdicts(results), [['fail', site]]);
  assert.match(results[0]?.message ?? '', /could not name/);
});

test('a project declared public may be browsed anonymously, but not commented on', () => {
  const snapshot = testSnapshot({
    datasets: {
      'jira.anonymous-permissions': [
        siteProbe(['BROWSE_PROJECTS', 'ADD_COMMENTS']),
        projectProbe(road, ['BROWSE_PROJECTS']),
        projectProbe(docs, ['BROWSE_PROJECTS', 'ADD_COMMENTS']),
      ],
    },
  });
  const results = runRule(rule, snapshot, {
    settings: { jira_anonymous_probe_clean: { publicProjects: ['ROAD', 'DOCS'] } },
  });
  assert.deepEqual(verdicts(results), [
    ['pass', road.id],
    ['fail', docs.id],
    ['pass', site],
  ]);
  assert.equal(results[1]?.message, 'Anonymous visitors hold ADD_COMMENTS in project DOCS.');
});

test('a forbidden permission the probe never asked about leaves the site unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.anonymous-permissions': [siteProbe([], ['BROWSE_PROJECTS'])] } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', site]]);
  assert.match(results[0]?.message ?? '', /did not ask about CREATE_ISSUES/);
});

test('a probe that failed makes the site unknown rather than clean', () => {
  const results = runRule(
    rule,
    testSnapshot({
      outcomes: { 'jira.anonymous-permissions': { status: 'failed', reason: 'network error' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', site]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_failed');
});

test('the probe needs no site credential', () => {
  const results = runRule(
    rule,
    testSnapshot({
      sites: [{ ...TEST_SITE, hasCredential: false }],
      datasets: { 'jira.anonymous-permissions': [siteProbe([])] },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', site]]);
});
