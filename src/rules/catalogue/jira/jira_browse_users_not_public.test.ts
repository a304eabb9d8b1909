import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_browse_users_not_public.rule.ts';
import { siteProbe } from './test-records.ts';

test('a site where anonymous visitors cannot use the user picker passes', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.anonymous-permissions': [siteProbe(['BROWSE_PROJECTS'])] } }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'USER_PICKER']]);
  assert.equal(results[0]?.resource.type, 'global-permission');
});

test('a site where anonymous visitors hold Browse users and groups fails', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.anonymous-permissions': [siteProbe(['USER_PICKER'])] } }),
  );
  assert.deepEqual(verdicts(results), [['fail', 'USER_PICKER']]);
  assert.deepEqual(results[0]?.evidence, { anonymousHolds: true });
});

test('a site that refuses unauthenticated calls passes, with the refusal as evidence', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'jira.anonymous-permissions': [{ ...siteProbe([]), anonymousRefused: true }] },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'USER_PICKER']]);
  assert.deepEqual(results[0]?.evidence, { anonymousHolds: false, anonymousRefused: true });
  assert.match(results[0]?.message ?? '', /refuses unauthenticated calls/);
});

test('a probe that did not ask about the user picker cannot pass', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'jira.anonymous-permissions': [siteProbe([], ['BROWSE_PROJECTS'])] } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'USER_PICKER']]);
});

test('a site the probe was not run against is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({ outcomes: { 'jira.anonymous-permissions': { status: 'not_collected', reason: null } } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_not_collected');
});
