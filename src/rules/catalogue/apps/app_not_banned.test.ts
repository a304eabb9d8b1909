import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgeInstallation, inventoryOf } from '../../../app-risk/model/testing/fixtures.ts';
import { governanceState } from '../../testing/governance-state.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { CONFLUENCE_DC, JIRA_DC } from '../data-center/product.ts';
import { dcSnapshot, plugin, runOnPlugins } from '../data-center/test-records.ts';
import { rule } from './app_not_banned.rule.ts';

test('a banned app found installed fails, critical, naming the ban; an app not banned passes', () => {
  const installs = [
    forgeInstallation({ appKey: 'a.banned', scopes: ['read:jira-work'] }),
    forgeInstallation({ appKey: 'b.fine', scopes: ['read:jira-work'] }),
  ];
  const state = governanceState(inventoryOf(installs, []), {}, {}, undefined, [], {
    'a.banned': { reason: 'Unvetted vendor', bannedBy: 'Riley', bannedAt: '2026-01-02T03:04:05.000Z' },
  });
  const results = runRule(rule, testSnapshot({ datasets: { 'apps.installations': installs } }), {
    governance: state,
  });
  assert.deepEqual(verdicts(results), [
    ['fail', 'jira:a.banned'],
    ['pass', 'jira:b.fine'],
  ]);
  assert.equal(rule.meta.severity, 'critical');
  assert.match(
    results[0]?.message ?? '',
    /is banned \(Unvetted vendor; by Riley on 2026-01-02\) but was found installed/,
  );
});

test('on a Data Center instance a banned plugin still installed fails; the other user-installed plugins pass', () => {
  const plugins = [
    plugin(JIRA_DC, 'com.harbor.export'),
    plugin(JIRA_DC, 'com.vendor.fine'),
    plugin(JIRA_DC, 'com.atlassian.bundled', { userInstalled: false, system: true }),
  ];
  const ban = { reason: 'Exfiltrates issues', bannedBy: 'Riley', bannedAt: '2026-01-02T03:04:05.000Z' };
  const results = runOnPlugins(rule, JIRA_DC, plugins, (apps) =>
    governanceState(apps, {}, {}, undefined, [], { 'com.harbor.export': ban }),
  );
  assert.deepEqual(
    results.map((r) => [r.status, r.resource.id, r.resource.scope]),
    [
      ['fail', 'com.harbor.export', 'dc-jira.acme.example'],
      ['pass', 'com.vendor.fine', 'dc-jira.acme.example'],
    ],
  );
  assert.match(results[0]?.message ?? '', /is banned \(Exfiltrates issues; by Riley on 2026-01-02\)/);
});

test('on a Data Center instance whose plugins could not be read, the rule is unknown, not passed', () => {
  const results = runRule(
    rule,
    dcSnapshot(CONFLUENCE_DC, {
      outcomes: { 'dc.plugins': { status: 'forbidden', missingScope: null, reason: 'HTTP 401' } },
    }),
    { governance: governanceState([]) },
  );
  assert.deepEqual(verdicts(results), [['unknown', 'dc-wiki.acme.example']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_forbidden');
});
