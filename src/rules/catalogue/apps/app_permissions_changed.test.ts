import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide } from '../../../app-risk/model/classification.ts';
import { forgeInstallation, inventoryOf, NOW } from '../../../app-risk/model/testing/fixtures.ts';
import { governanceState } from '../../testing/governance-state.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './app_permissions_changed.rule.ts';

const approve = (appKey: string, scopes: string[]) =>
  decide(
    undefined,
    { state: 'sanctioned' },
    {
      connectionId: 'c1',
      appKey,
      actor: 'sam',
      now: NOW,
      fingerprint: { scopes, egress: [], versions: ['1.0.0'] },
    },
  );

test('an approved app that gained a scope fails; one unchanged passes; one never approved is not applicable', () => {
  const installs = [
    forgeInstallation({ appKey: 'a.grew', scopes: ['read:jira-work', 'write:jira-work'] }),
    forgeInstallation({ appKey: 'b.same', scopes: ['read:jira-work'] }),
    forgeInstallation({ appKey: 'c.new', scopes: ['read:jira-work'] }),
  ];
  const state = governanceState(inventoryOf(installs, []), {
    'a.grew': approve('a.grew', ['read:jira-work']),
    'b.same': approve('b.same', ['read:jira-work']),
  });
  const results = runRule(rule, testSnapshot({ datasets: { 'apps.installations': installs } }), {
    governance: state,
  });
  assert.deepEqual(verdicts(results), [
    ['fail', 'jira:a.grew'],
    ['pass', 'jira:b.same'],
    ['not_applicable', 'jira:c.new'],
  ]);
  assert.deepEqual(results[0]?.evidence?.changes, [
    { field: 'scopes', added: ['write:jira-work'], removed: [] },
  ]);
});

test('without the governance state the engine answers unknown for the site, naming what is missing', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'apps.installations': [] } }));
  assert.deepEqual(verdicts(results), [['unknown', 'cloud-acme']]);
  assert.deepEqual(results[0]?.reasons, [{ code: 'governance_missing' }]);
  assert.match(results[0]?.message ?? '', /app governance state/);
});
