import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysAgo, installation, marketplace } from '../../../app-risk/model/testing/fixtures.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_NOW, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './app_inactive_with_access.rule.ts';

const at = (days: number) => daysAgo(days, TEST_NOW);
const audit = (id: string, days: number, author: string | null, summary: string, objectId: string) => ({
  id,
  created: at(days),
  summary,
  category: 'apps',
  authorAccountId: author,
  objectId,
  objectName: objectId,
  objectType: 'PLUGIN',
  changedValues: [],
});

test('recent activity passes; none for 90 days fails, raised to high for apps that can write', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'apps.installations': [
          installation({ appKey: 'a.busy' }),
          installation({ appKey: 'b.idle' }),
          installation({ appKey: 'c.off', enabled: false }),
          installation({ appKey: 'd.silent' }),
        ],
        'apps.marketplace': [
          marketplace({ appKey: 'b.idle', declaredScopes: ['READ'] }),
          marketplace({ appKey: 'c.off', declaredScopes: ['ADMIN'] }),
        ],
        'jira.audit': [
          audit('1', 3, 'app-a.busy', 'Issue updated', 'X-1'),
          audit('2', 120, 'app-b.idle', 'Issue updated', 'X-2'),
          audit('3', 200, null, 'App disabled', 'c.off'),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'jira:a.busy'],
    ['fail', 'jira:b.idle'],
    ['fail', 'jira:c.off'],
    ['unknown', 'jira:d.silent'],
  ]);
  assert.equal(results[1]?.evidence?.severity, 'low');
  assert.equal(results[2]?.evidence?.severity, 'high');
});

test('the threshold is a setting', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'apps.installations': [installation({ appKey: 'b.idle' })],
        'jira.audit': [audit('2', 40, 'app-b.idle', 'Issue updated', 'X-2')],
      },
    }),
    { settings: { app_inactive_with_access: { inactiveDays: 30 } } },
  );
  assert.deepEqual(verdicts(results), [['fail', 'jira:b.idle']]);
});
