import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_webhooks_https.rule.ts';
import { webhook, workspaceSnapshot } from './test-records.ts';

test('an active webhook over plain HTTP fails, named by its host and repository; HTTPS passes', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      datasets: {
        'bitbucket.webhooks': [
          webhook('ci', 'ci.acme.example'),
          webhook('legacy', 'build.acme.example:8080', {
            urlScheme: 'http',
            events: ['repo:push', 'pullrequest:created'],
          }),
          webhook('old', 'old.acme.example', { urlScheme: 'http', active: false }),
          webhook('ws', 'chat.acme.example', { level: 'workspace', repository: null }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['pass', '{hook-ci}'],
    ['fail', '{hook-legacy}'],
    ['not_applicable', '{hook-old}'],
    ['pass', '{hook-ws}'],
  ]);
  assert.equal(
    results[1]?.message,
    'The webhook to build.acme.example:8080 (acme/api) sends repo:push, pullrequest:created over http, not HTTPS.',
  );
  assert.equal(results[3]?.resource.name, 'chat.acme.example (workspace)');
});

test('webhooks that could not be read make the check unknown', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({ outcomes: { 'bitbucket.webhooks': { status: 'not_collected', reason: null } } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'bb-acme']]);
});
