import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE } from '../../testing/test-snapshot.ts';
import { rule } from './bb_no_public_repos.rule.ts';
import { repo, workspaceSnapshot } from './test-records.ts';

const repositories = [repo('api'), repo('website', { isPrivate: false }), repo('sdk', { isPrivate: false })];

test('a public repository fails and a private one passes, each named by its full name', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.repositories': repositories } }));
  assert.deepEqual(verdicts(results), [
    ['pass', '{repo-api}'],
    ['fail', '{repo-website}'],
    ['fail', '{repo-sdk}'],
  ]);
  assert.equal(results[1]?.message, 'acme/website is public: anyone on the internet can clone it.');
  assert.equal(results[1]?.resource.name, 'acme/website');
});

test('a repository declared public on purpose passes', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: { 'bitbucket.repositories': repositories } }), {
    settings: { bb_no_public_repos: { intendedPublic: ['acme/SDK'] } },
  });
  assert.deepEqual(verdicts(results).slice(1), [
    ['fail', '{repo-website}'],
    ['pass', '{repo-sdk}'],
  ]);
});

test('repositories that could not be read make the check unknown, never a pass', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({ outcomes: { 'bitbucket.repositories': { status: 'failed', reason: 'HTTP 500' } } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'bb-acme']]);
});

test('repositories never collected are unknown, and a Jira site without Bitbucket is not applicable', () => {
  const results = runRule(rule, workspaceSnapshot({ datasets: {} }));
  assert.deepEqual(verdicts(results), [['unknown', 'bb-acme']]);
  const jira = runRule(rule, { ...workspaceSnapshot(), sites: [TEST_SITE] });
  assert.deepEqual(verdicts(jira), [['not_applicable', TEST_SITE.cloudId]]);
});
