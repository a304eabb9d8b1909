import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_ip_allowlist_enabled.rule.ts';

type Policy = DatasetRecord<'org.policies'>;

function allowlist(status: 'enabled' | 'disabled', overrides: Partial<Policy> = {}): Policy {
  return {
    id: 'pol-ip',
    type: 'ip-allowlist',
    name: 'Office and VPN egress',
    status,
    enabled: status === 'enabled',
    ruleValues: ['203.0.113.0/24'],
    resources: [{ id: `ari:cloud:jira::site/${TEST_SITE.cloudId}`, applicationStatus: 'applied' }],
    ...overrides,
  };
}

const residency: Policy = {
  id: 'pol-dr',
  type: 'data-residency',
  name: 'EU',
  status: 'enabled',
  enabled: true,
  ruleValues: ['EU'],
  resources: [],
};

test('an enabled allowlist applied to a product passes', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.policies': [allowlist('enabled'), residency] } }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(
    results[0]?.message,
    'IP allowlisting is on (Office and VPN egress) and applied to 1 product(s).',
  );
});

test('a disabled allowlist fails, naming it', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.policies': [allowlist('disabled'), residency] } }),
  );
  assert.deepEqual(verdicts(results), [['fail', 'org-1']]);
  assert.equal(results[0]?.message, 'No IP allowlist is enabled (Office and VPN egress: disabled).');
});

test('no allowlist at all, one that admits everyone, or one not yet applied all fail', () => {
  const none = runRule(rule, testSnapshot({ datasets: { 'org.policies': [residency] } }));
  assert.deepEqual(verdicts(none), [['fail', 'org-1']]);
  const open = runRule(
    rule,
    testSnapshot({ datasets: { 'org.policies': [allowlist('enabled', { ruleValues: ['0.0.0.0/0'] })] } }),
  );
  assert.match(open[0]?.message ?? '', /restricts nothing/);
  const pending = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.policies': [
          allowlist('enabled', {
            resources: [{ id: 'ari:cloud:jira::site/x', applicationStatus: 'applying' }],
          }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(pending), [['fail', 'org-1']]);
  assert.equal(pending[0]?.message, 'The enabled IP allowlist is not applied yet (applying).');
});

test('policies the org API key may not read make the check unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      outcomes: {
        'org.policies': { status: 'forbidden', missingScope: 'read:policies:admin', reason: null },
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.match(results[0]?.message ?? '', /read:policies:admin/);
});

test('an organization with no Premium product has no IP allowlisting to check', () => {
  const results = runRule(
    rule,
    testSnapshot({
      sites: [{ ...TEST_SITE, products: { jira: 'standard', confluence: 'free' } }],
      datasets: { 'org.policies': [] },
    }),
  );
  assert.deepEqual(verdicts(results), [['not_applicable', 'org-1']]);
});
