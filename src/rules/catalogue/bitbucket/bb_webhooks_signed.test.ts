import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_webhooks_signed.rule.ts';
import { webhook, workspaceSnapshot } from './test-records.ts';

test('an unsigned webhook fails and an unknown flag stays unknown', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      datasets: {
        'bitbucket.webhooks': [
          webhook('signed', 'ci.acme.example'),
          webhook('bare', 'deploy.acme.example', { signed: false }),
          webhook('silent', 'ci2.acme.example', { signed: null }),
        ],
      },
    }),
  );
  assert.deepEqual(
    verdicts(results).map(([s]) => s),
    ['pass', 'fail', 'unknown'],
  );
  assert.equal(
    results[1]?.message,
    'The webhook to deploy.acme.example (acme/api) has no secret: its deliveries are unsigned.',
  );
});
