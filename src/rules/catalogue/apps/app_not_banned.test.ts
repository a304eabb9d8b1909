import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgeInstallation, inventoryOf } from '../../../app-risk/model/testing/fixtures.ts';
import { governanceState } from '../../testing/governance-state.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
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
