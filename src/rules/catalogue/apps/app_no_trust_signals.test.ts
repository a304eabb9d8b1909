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
import { rule } from './app_no_trust_signals.rule.ts';

test('a vendor in a programme (or Atlassian) passes; none, or an unlisted app, fails', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'apps.installations': [
          installation({ appKey: 'a.atlassian' }),
          installation({ appKey: 'b.bounty' }),
          installation({ appKey: 'c.none' }),
          installation({ appKey: 'd.hidden' }),
          forgeInstallation({ appKey: 'e.dev', scopes: [], environmentType: 'DEVELOPMENT' }),
        ],
        'apps.marketplace': [
          marketplace({ appKey: 'a.atlassian', isAtlassian: true }),
          marketplace({ appKey: 'b.bounty', bugBounty: 'approved', cloudFortified: 'approved' }),
          marketplace({ appKey: 'c.none' }),
          unlisted('d.hidden'),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'jira:a.atlassian'],
    ['pass', 'jira:b.bounty'],
    ['fail', 'jira:c.none'],
    ['fail', 'jira:d.hidden'],
    ['fail', 'jira:e.dev'],
  ]);
  assert.deepEqual(results[1]?.evidence?.programmes, ['bug bounty', 'Cloud Fortified']);
});

test('a Marketplace outage is unknown, never trusted', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'apps.installations': [installation({ appKey: 'c.none' })] },
      outcomes: { 'apps.marketplace': { status: 'failed', reason: 'HTTP 503' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'jira:c.none']]);
});
