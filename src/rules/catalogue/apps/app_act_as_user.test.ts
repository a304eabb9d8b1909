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
import { rule } from './app_act_as_user.rule.ts';

test('an app holding ACT_AS_USER fails; one without it passes', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'apps.installations': [
          installation({ appKey: 'com.mail' }),
          installation({ appKey: 'com.macros' }),
          forgeInstallation({ appKey: 'com.forge', scopes: ['read:jira-work'] }),
        ],
        'apps.marketplace': [
          marketplace({ appKey: 'com.mail', declaredScopes: ['READ', 'WRITE', 'ACT_AS_USER'] }),
          marketplace({ appKey: 'com.macros', declaredScopes: ['READ'] }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'jira:com.forge'],
    ['pass', 'jira:com.macros'],
    ['fail', 'jira:com.mail'],
  ]);
  assert.deepEqual(results[2]?.evidence?.scopes, ['ACT_AS_USER']);
});

test('an unlisted Connect app’s scopes are unreadable: unknown, never a pass', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'apps.installations': [installation({ appKey: 'io.x' })],
        'apps.marketplace': [unlisted('io.x')],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'jira:io.x']]);
});
