import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  forgeInstallation,
  installation,
  marketplace,
  unlisted,
} from '../../../app-risk/model/testing/fixtures.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './app_admin_capability.rule.ts';

test('an app with Connect ADMIN or a Forge manage:*-configuration scope fails; others pass', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'apps.installations': [
          installation({ appKey: 'com.admin' }),
          forgeInstallation({
            appKey: 'com.backup',
            scopes: ['read:jira-work', 'manage:jira-configuration'],
          }),
          installation({ appKey: 'com.reader' }),
        ],
        'apps.marketplace': [
          marketplace({ appKey: 'com.admin', declaredScopes: ['READ', 'ADMIN'] }),
          marketplace({ appKey: 'com.reader', declaredScopes: ['READ'] }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'jira:com.admin'],
    ['fail', 'jira:com.backup'],
    ['pass', 'jira:com.reader'],
  ]);
  assert.deepEqual(results[1]?.evidence?.scopes, ['manage:jira-configuration']);
  assert.equal(results[0]?.resource.type, 'app');
});

test('unreadable scopes are unknown: an unlisted Connect app, or a Connect app while the Marketplace is unavailable', () => {
  const installs = { 'apps.installations': [installation({ appKey: 'io.hidden' })] };
  const hidden = runRule(
    rule,
    testSnapshot({ datasets: { ...installs, 'apps.marketplace': [unlisted('io.hidden')] } }),
  );
  assert.deepEqual(verdicts(hidden), [['unknown', 'jira:io.hidden']]);
  assert.match(hidden[0]?.message ?? '', /unlisted Connect app/);
  const outage = runRule(
    rule,
    testSnapshot({
      datasets: installs,
      outcomes: { 'apps.marketplace': { status: 'failed', reason: 'HTTP 503' } },
    }),
  );
  assert.deepEqual(verdicts(outage), [['unknown', 'jira:io.hidden']]);
  // Without the installations themselves the site is unknown.
  assert.equal(runRule(rule, testSnapshot())[0]?.reasons?.[0]?.code, 'dataset_not_collected');
});
