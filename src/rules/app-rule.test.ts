import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgeInstallation, inventoryOf } from '../app-risk/model/testing/fixtures.ts';
import { APP_GOVERNANCE } from './app-governance.ts';
import { defineAppRule } from './app-rule.ts';
import { pass } from './outcome.ts';
import { governanceState } from './testing/governance-state.ts';
import { runRule, verdicts } from './testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from './testing/test-snapshot.ts';

const meta = {
  id: 'app_example_check',
  title: 'An example of a per-app rule for the tests',
  area: 'apps',
  severity: 'low',
  plan: 'any',
  credential: 'none',
  description: 'Checks nothing; it shows the shape defineAppRule gives a rule.',
  risk: 'None at all: this rule only exists in a test.',
  remediation: { ui: ['Nothing to do.'], api: null },
  references: [{ title: 'Palisade', url: 'https://example.com/palisade' }],
} as const;

const installs = [
  forgeInstallation({ appKey: 'a.one', scopes: [] }),
  forgeInstallation({ appKey: 'b.two', scopes: [], product: 'confluence' }),
];
const snapshot = testSnapshot({ datasets: { 'apps.installations': installs } });

test('a per-app rule judges each installation of each site, with the app datasets it reads', () => {
  const rule = defineAppRule({ ...meta, check: (i, { resource }) => pass(resource, `${i.name} is fine.`) });
  assert.equal(rule.meta.scope, 'site');
  assert.equal(rule.meta.resourceType, 'app');
  assert.deepEqual(rule.meta.requires, ['apps.installations']);
  assert.ok(rule.meta.optional.includes('apps.marketplace'));
  assert.deepEqual(verdicts(runRule(rule, snapshot)), [
    ['pass', 'confluence:b.two'],
    ['pass', 'jira:a.one'],
  ]);
});

test('a per-app rule on the governance state requires it and sees it', () => {
  const rule = defineAppRule({
    ...meta,
    governance: true,
    check: (i, { resource, governance }) =>
      pass(resource, `${i.name} scores ${governance.apps.get(i.appKey)?.risk.score}.`),
  });
  assert.deepEqual(rule.meta.requires, ['apps.installations', APP_GOVERNANCE]);
  const governance = governanceState(inventoryOf(installs, []));
  const results = runRule(rule, snapshot, { governance });
  assert.deepEqual(verdicts(results), [
    ['pass', 'confluence:b.two'],
    ['pass', 'jira:a.one'],
  ]);
  assert.match(results[1]?.message ?? '', /^a\.one scores \d+\.$/);
  assert.deepEqual(runRule(rule, snapshot)[0]?.reasons, [{ code: 'governance_missing' }]);
});

test('a governance app rule that also judges Data Center reads the inventory each kind of site has, and applies nowhere else', () => {
  const rule = defineAppRule({
    ...meta,
    governance: true,
    dataCenter: true,
    check: (i, { resource }) => pass(resource, `${i.name} is fine.`),
  });
  assert.deepEqual(rule.meta.requires, [APP_GOVERNANCE]);
  assert.deepEqual(rule.meta.requiresOneOf, ['apps.installations', 'dc.plugins']);
  const governance = governanceState([]);
  assert.deepEqual(verdicts(runRule(rule, snapshot, { governance })), [
    ['pass', 'confluence:b.two'],
    ['pass', 'jira:a.one'],
  ]);
  const workspace = { ...TEST_SITE, cloudId: 'bb-acme', products: { bitbucket: null } };
  const results = runRule(rule, testSnapshot({ sites: [workspace] }), { governance });
  assert.deepEqual(verdicts(results), [['not_applicable', 'bb-acme']]);
  assert.equal(
    results[0]?.message,
    'Applies to Jira and Confluence Cloud sites or Jira and Confluence Data Center instances; this is a Bitbucket Cloud workspace.',
  );
});
