import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { rule } from './bb_webhook_hosts_approved.rule.ts';
import { webhook, workspaceSnapshot } from './test-records.ts';

const snapshot = workspaceSnapshot({
  datasets: {
    'bitbucket.webhooks': [
      webhook('ci', 'ci.acme.example'),
      webhook('chat', 'hooks.chat.example:443'),
      webhook('capture', 'webhook.site'),
      webhook('tunnel', 'a1b2.ngrok-free.app'),
      webhook('ip', '198.51.100.7:8080'),
      webhook('off', 'webhook.site', { active: false }),
      webhook('v6', '[2001:db8::1]:8443'),
    ],
  },
});

test('webhooks to capture services, tunnels and raw IP addresses fail; named hosts pass', () => {
  const results = runRule(rule, snapshot);
  assert.deepEqual(
    verdicts(results).map(([s]) => s),
    ['pass', 'pass', 'fail', 'fail', 'fail', 'not_applicable', 'fail'],
  );
  assert.equal(
    results[2]?.message,
    'The webhook to webhook.site (acme/api) sends to a request-capture or tunnelling service.',
  );
  assert.equal(
    results[4]?.message,
    'The webhook to 198.51.100.7:8080 (acme/api) sends to a raw address, not a named host.',
  );
});

test('with approved hosts set, a host off the list fails and sub-domain patterns match without the port', () => {
  const results = runRule(rule, snapshot, {
    settings: { bb_webhook_hosts_approved: { approvedHosts: ['*.acme.example'] } },
  });
  assert.deepEqual(verdicts(results).slice(0, 2), [
    ['pass', '{hook-ci}'],
    ['fail', '{hook-chat}'],
  ]);
  assert.equal(
    results[1]?.message,
    'The webhook to hooks.chat.example:443 (acme/api) sends to a host not on the approved list.',
  );
});
