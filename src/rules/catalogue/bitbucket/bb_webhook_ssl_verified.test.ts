import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_webhook_ssl_verified.rule.ts';
import { webhook, workspaceSnapshot } from './test-records.ts';

test('a webhook that skips certificate verification fails; an unsent flag is unknown, never a pass', () => {
  const results = runRule(
    rule,
    workspaceSnapshot({
      datasets: {
        'bitbucket.webhooks': [
          webhook('ok', 'ci.acme.example'),
          webhook('lax', 'self-signed.acme.example', { skipCertVerification: true }),
          webhook('silent', 'ci2.acme.example', { skipCertVerification: null }),
          webhook('plain', 'build.acme.example', { urlScheme: 'http', skipCertVerification: true }),
        ],
      },
    }),
  );
  assert.deepEqual(
    verdicts(results).map(([s]) => s),
    ['pass', 'fail', 'unknown', 'not_applicable'],
  );
  assert.equal(
    results[1]?.message,
    'The webhook to self-signed.acme.example (acme/api) skips TLS certificate verification.',
  );
});
