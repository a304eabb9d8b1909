import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_anonymous_site_disabled.rule.ts';

type Probe = DatasetRecord<'confluence.anonymous'>;

const closed: Probe = { siteAccess: false, operations: [], visibleSpaceKeys: [] };
const open: Probe = {
  siteAccess: true,
  operations: [
    { operation: 'use', targetType: 'application' },
    { operation: 'read', targetType: 'space' },
  ],
  visibleSpaceKeys: ['DOCS'],
};

test('a site where the anonymous probe has no "use" permission passes', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'confluence.anonymous': [closed] } }));
  assert.deepEqual(verdicts(results), [['pass', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.resource.type, 'site');
});

test('a site where anonymous users may use Confluence fails and names the spaces they can already list', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'confluence.anonymous': [open] } }));
  assert.deepEqual(verdicts(results), [['fail', TEST_SITE.cloudId]]);
  assert.equal(
    results[0]?.message,
    'Anonymous users may use Confluence on this site. An anonymous visitor can list 1 space(s): DOCS.',
  );
  assert.deepEqual(results[0]?.evidence?.operations, ['use/application', 'read/space']);
});

test('anonymous use with no readable space still fails: one space admin away from publishing', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'confluence.anonymous': [{ ...open, visibleSpaceKeys: [] }] } }),
  );
  assert.deepEqual(verdicts(results), [['fail', TEST_SITE.cloudId]]);
  assert.match(results[0]?.message ?? '', /any space admin can publish one/);
});

test('a refused probe whose anonymous permissions the credential read is judged on them', () => {
  const refusedClosed = { ...closed, anonymousRefused: true };
  const pass = runRule(rule, testSnapshot({ datasets: { 'confluence.anonymous': [refusedClosed] } }));
  assert.deepEqual(verdicts(pass), [['pass', TEST_SITE.cloudId]]);
  assert.match(pass[0]?.message ?? '', /Anonymous access to remote API" is off/);
  assert.equal(pass[0]?.evidence?.anonymousApiRefused, true);

  // The remote API closed does not close the browser: anonymous "use" still fails.
  const refusedOpen = { ...open, visibleSpaceKeys: [], anonymousRefused: true };
  const fail = runRule(rule, testSnapshot({ datasets: { 'confluence.anonymous': [refusedOpen] } }));
  assert.deepEqual(verdicts(fail), [['fail', TEST_SITE.cloudId]]);
  assert.match(fail[0]?.message ?? '', /Browsers still reach/);
});

test('a refused probe with no credential to ask leaves the site unknown, never passed', () => {
  const probe: Probe = { siteAccess: null, operations: [], visibleSpaceKeys: [], anonymousRefused: true };
  const results = runRule(rule, testSnapshot({ datasets: { 'confluence.anonymous': [probe] } }));
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.match(results[0]?.message ?? '', /refuses unauthenticated API calls/);
});

test('a probe that failed leaves the site unknown, never passed', () => {
  const results = runRule(
    rule,
    testSnapshot({ outcomes: { 'confluence.anonymous': { status: 'failed', reason: 'HTTP 503' } } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_failed');
});

test('a site without Confluence has nothing to probe', () => {
  const results = runRule(rule, testSnapshot({ sites: [{ ...TEST_SITE, products: { jira: 'premium' } }] }));
  assert.deepEqual(verdicts(results), [['not_applicable', TEST_SITE.cloudId]]);
});
