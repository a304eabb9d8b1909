import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forgeInstallation, installation } from '../../../app-risk/model/testing/fixtures.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './app_data_egress.rule.ts';

test('Connect apps and Forge apps with egress fail; a Forge app without egress runs on Atlassian and passes', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'apps.installations': [
          installation({ appKey: 'com.connect' }),
          forgeInstallation({ appKey: 'com.ai', scopes: [], egress: ['api.ai.example', '*.models.example'] }),
          forgeInstallation({ appKey: 'com.local', scopes: [], egress: ['https://api.atlassian.com'] }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'jira:com.ai'],
    ['fail', 'jira:com.connect'],
    ['pass', 'jira:com.local'],
  ]);
  assert.deepEqual(results[0]?.evidence?.egress, ['*.models.example', 'api.ai.example']);
  assert.equal(results[0]?.evidence?.wildcard, true);
});

test('a third-party plugin that is neither Connect nor Forge: where its data goes is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'apps.installations': [installation({ appKey: 'p', framework: 'plugin' })] },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'jira:p']]);
});
