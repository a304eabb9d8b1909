import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide, reconcile } from '../../../app-risk/model/classification.ts';
import { forgeInstallation, inventoryOf } from '../../../app-risk/model/testing/fixtures.ts';
import { governanceState } from '../../testing/governance-state.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_NOW, testSnapshot } from '../../testing/test-snapshot.ts';
import { CONFLUENCE_DC } from '../data-center/product.ts';
import { plugin, runOnPlugins } from '../data-center/test-records.ts';
import { rule } from './org_apps_classified.rule.ts';

const ago = (days: number) => new Date(TEST_NOW.getTime() - days * 86_400_000);
const fp = { scopes: [], egress: [], versions: ['1.0.0'] };
const ctx = (appKey: string) => ({ connectionId: 'c1', appKey, actor: 'sam', now: ago(1), fingerprint: fp });
const seen = (appKey: string, days: number) =>
  reconcile(undefined, { connectionId: 'c1', appKey, fingerprint: fp, now: ago(days) }).next;

const installs = ['a.new', 'b.old', 'c.ok', 'd.banned', 'e.accepted'].map((appKey) =>
  forgeInstallation({ appKey, scopes: [] }),
);

test('sanctioned and accepted apps pass, unreviewed ones within the grace period pass, older ones and unsanctioned installed apps fail', () => {
  const state = governanceState(
    inventoryOf(installs, []),
    {
      'a.new': seen('a.new', 3),
      'b.old': seen('b.old', 30),
      'c.ok': decide(undefined, { state: 'sanctioned' }, ctx('c.ok')),
      'd.banned': decide(
        undefined,
        { state: 'unsanctioned', justification: 'Sends data to an unknown host.' },
        ctx('d.banned'),
      ),
      'e.accepted': decide(
        undefined,
        { state: 'risk-accepted', justification: 'Needed until Q3.', expiresAt: ago(-30) },
        ctx('e.accepted'),
      ),
    },
    {},
    TEST_NOW,
  );
  const results = runRule(rule, testSnapshot({ datasets: { 'apps.installations': installs } }), {
    governance: state,
  });
  assert.deepEqual(verdicts(results), [
    ['pass', 'jira:a.new'],
    ['fail', 'jira:b.old'],
    ['pass', 'jira:c.ok'],
    ['fail', 'jira:d.banned'],
    ['pass', 'jira:e.accepted'],
  ]);
  assert.equal(results[1]?.evidence?.days, 30);
});

test('a re-review pending longer than the grace period fails; the grace period is a setting', () => {
  const approved = decide(undefined, { state: 'sanctioned' }, { ...ctx('a.new'), now: ago(40) });
  const moved = reconcile(approved, {
    connectionId: 'c1',
    appKey: 'a.new',
    fingerprint: { ...fp, versions: ['2.0.0'] },
    now: ago(20),
  }).next;
  const state = governanceState(inventoryOf([installs[0] as never], []), { 'a.new': moved }, {}, TEST_NOW);
  const snapshot = testSnapshot({ datasets: { 'apps.installations': [installs[0] as never] } });
  assert.deepEqual(verdicts(runRule(rule, snapshot, { governance: state })), [['fail', 'jira:a.new']]);
  const lenient = runRule(rule, snapshot, {
    governance: state,
    settings: { org_apps_classified: { maxUnreviewedDays: 30 } },
  });
  assert.deepEqual(verdicts(lenient), [['pass', 'jira:a.new']]);
});

test('without the governance state the engine answers unknown for the site, naming what is missing', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'apps.installations': [] } }));
  assert.deepEqual(verdicts(results), [['unknown', 'cloud-acme']]);
  assert.deepEqual(results[0]?.reasons, [{ code: 'governance_missing' }]);
  assert.match(results[0]?.message ?? '', /app governance state/);
});

test('on a Data Center instance an unreviewed plugin past the grace period fails and a classified one passes', () => {
  const plugins = ['com.harbor.export', 'com.vendor.sanctioned'].map((key) => plugin(CONFLUENCE_DC, key));
  const results = runOnPlugins(rule, CONFLUENCE_DC, plugins, (apps) =>
    governanceState(
      apps,
      {
        'com.harbor.export': seen('com.harbor.export', 30),
        'com.vendor.sanctioned': decide(undefined, { state: 'sanctioned' }, ctx('com.vendor.sanctioned')),
      },
      {},
      TEST_NOW,
    ),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'com.harbor.export'],
    ['pass', 'com.vendor.sanctioned'],
  ]);
  assert.equal(results[0]?.message, 'com.harbor.export has been unreviewed for 30 days (limit 14).');
});
