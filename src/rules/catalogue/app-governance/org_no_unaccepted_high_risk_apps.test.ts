import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide } from '../../../app-risk/model/classification.ts';
import {
  installation,
  inventoryOf,
  marketplace,
  unlisted,
} from '../../../app-risk/model/testing/fixtures.ts';
import { governanceState } from '../../testing/governance-state.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_NOW, testSnapshot } from '../../testing/test-snapshot.ts';
import { JIRA_DC } from '../data-center/product.ts';
import { plugin, runOnPlugins } from '../data-center/test-records.ts';
import { rule } from './org_no_unaccepted_high_risk_apps.rule.ts';

const installs = [
  installation({ appKey: 'a.admin' }),
  installation({ appKey: 'b.accepted' }),
  installation({ appKey: 'c.reader' }),
  installation({ appKey: 'd.hidden' }),
  installation({ appKey: 'e.lapsed' }),
];
const answers = [
  marketplace({ appKey: 'a.admin', declaredScopes: ['ADMIN'] }),
  marketplace({ appKey: 'b.accepted', declaredScopes: ['ADMIN'] }),
  marketplace({ appKey: 'c.reader', declaredScopes: ['READ'], isAtlassian: true }),
  unlisted('d.hidden'),
  marketplace({ appKey: 'e.lapsed', declaredScopes: ['DELETE'] }),
];
const accept = (appKey: string, days: number) =>
  decide(
    undefined,
    {
      state: 'risk-accepted',
      justification: 'Needed for the migration.',
      expiresAt: new Date(TEST_NOW.getTime() + days * 86_400_000),
    },
    {
      connectionId: 'c1',
      appKey,
      actor: 'sam',
      now: new Date(TEST_NOW.getTime() - 60 * 86_400_000),
      fingerprint: { scopes: [], egress: [], versions: [] },
    },
  );

test('a high-risk app fails unless its risk is accepted and current; low risk passes; unreadable scopes are unknown', () => {
  const state = governanceState(
    inventoryOf(installs, answers),
    { 'b.accepted': accept('b.accepted', 10), 'e.lapsed': accept('e.lapsed', -1) },
    {},
    TEST_NOW,
  );
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'apps.installations': installs, 'apps.marketplace': answers } }),
    { governance: state },
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'jira:a.admin'],
    ['pass', 'jira:b.accepted'],
    ['pass', 'jira:c.reader'],
    ['unknown', 'jira:d.hidden'],
    ['fail', 'jira:e.lapsed'],
  ]);
  assert.deepEqual(results[0]?.evidence?.topFactors, ['capability.admin', 'exposure.connect-vendor-hosted']);
  assert.equal(results[0]?.evidence?.score, 100);
});

test('a manual override decides instead of the computed score; the threshold is a setting', () => {
  const override = {
    score: 20,
    justification: 'Admin scope unused, vendor letter on file.',
    actor: 'sam',
    at: TEST_NOW.toISOString(),
  };
  const state = governanceState(
    inventoryOf(installs, answers),
    {},
    { 'a.admin': override, 'd.hidden': { ...override, score: 70 } },
    TEST_NOW,
  );
  const snapshot = testSnapshot({
    datasets: { 'apps.installations': installs, 'apps.marketplace': answers },
  });
  const results = runRule(rule, snapshot, { governance: state });
  assert.equal(results[0]?.status, 'pass');
  assert.equal(results[0]?.evidence?.overridden, true);
  assert.equal(results[3]?.status, 'fail');
  const strict = runRule(rule, snapshot, {
    governance: state,
    settings: { org_no_unaccepted_high_risk_apps: { threshold: 10 } },
  });
  // The Atlassian reader scores 15: below 60, above 10.
  assert.equal(results[2]?.status, 'pass');
  assert.equal(strict[2]?.status, 'fail');
  assert.equal(strict[0]?.status, 'fail');
});

test('without the governance state the engine answers unknown for the site, naming what is missing', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'apps.installations': [] } }));
  assert.deepEqual(verdicts(results), [['unknown', 'cloud-acme']]);
  assert.deepEqual(results[0]?.reasons, [{ code: 'governance_missing' }]);
  assert.match(results[0]?.message ?? '', /app governance state/);
});

test('on a Data Center instance a plugin, running in-process with full access, fails unless its risk is accepted', () => {
  const plugins = [plugin(JIRA_DC, 'com.harbor.export'), plugin(JIRA_DC, 'com.vendor.accepted')];
  const results = runOnPlugins(rule, JIRA_DC, plugins, (apps) =>
    governanceState(apps, { 'com.vendor.accepted': accept('com.vendor.accepted', 10) }, {}, TEST_NOW),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'com.harbor.export'],
    ['pass', 'com.vendor.accepted'],
  ]);
  assert.equal((results[0]?.evidence?.topFactors as string[] | undefined)?.[0], 'capability.in-process');
  assert.match(
    results[0]?.message ?? '',
    /^com\.harbor\.export scores \d+ \(high\) and its risk is not accepted\.$/,
  );
});
