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
import { rule } from './app_unlisted_or_dev_mode.rule.ts';

test('listed apps pass; unlisted and development-mode apps fail; no Marketplace answer is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'apps.installations': [
          installation({ appKey: 'a.listed' }),
          installation({ appKey: 'b.private' }),
          forgeInstallation({ appKey: 'c.dev', scopes: [], environmentType: 'DEVELOPMENT' }),
          forgeInstallation({ appKey: 'd.unasked', scopes: [] }),
        ],
        'apps.marketplace': [marketplace({ appKey: 'a.listed' }), unlisted('b.private')],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', 'jira:a.listed'],
    ['fail', 'jira:b.private'],
    ['fail', 'jira:c.dev'],
    ['unknown', 'jira:d.unasked'],
  ]);
  assert.equal(results[2]?.evidence?.environmentType, 'DEVELOPMENT');
});
