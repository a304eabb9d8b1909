import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_webhooks_secure.rule.ts';

type Webhooks = SubjectValue<'attested.jira-webhooks'>['webhooks'];

const site = TEST_SITE.cloudId;
const ci = { name: 'CI', url: 'https://ci.acme.example/hooks/jira', enabled: true, secretConfigured: true };
const legacy = {
  name: 'Legacy sync',
  url: 'http://sync.vendor.example/in',
  enabled: true,
  secretConfigured: false,
};
const old = { name: 'Old', url: 'http://old.example/in', enabled: false, secretConfigured: false };

function run(webhooks: Webhooks, approvedDomains?: string[]) {
  const attestation = testAttestation('attested.jira-webhooks', { webhooks }, { scope: site });
  return runRule(rule, testSnapshot(), {
    attestations: [attestation],
    ...(approvedDomains ? { settings: { jira_webhooks_secure: { approvedDomains } } } : {}),
  });
}

test('an HTTPS webhook with a secret to an approved domain passes', () => {
  const results = run([ci], ['acme.example']);
  assert.deepEqual(verdicts(results), [['pass', 'CI']]);
  assert.equal(results[0]?.message, 'CI delivers over HTTPS to ci.acme.example, with a secret.');
});

test('a plain HTTP webhook without a secret fails, naming both problems', () => {
  const results = run([ci, legacy]);
  assert.deepEqual(verdicts(results), [
    ['pass', 'CI'],
    ['fail', 'Legacy sync'],
  ]);
  assert.equal(
    results[1]?.message,
    'Legacy sync delivers over http, not HTTPS; has no secret, so deliveries cannot be verified.',
  );
});

test('a webhook to a domain outside the approved list fails', () => {
  const results = run([{ ...ci, url: 'https://collector.unknown.example/x' }], ['acme.example']);
  assert.deepEqual(verdicts(results), [['fail', 'CI']]);
  assert.match(results[0]?.message ?? '', /collector\.unknown\.example, which is not an approved domain/);
});

test('a disabled webhook is not applicable, and no webhook at all passes the site', () => {
  assert.deepEqual(verdicts(run([old])), [['not_applicable', 'Old']]);
  assert.deepEqual(verdicts(run([])), [['pass', site]]);
});

test('with no attestation the webhooks are unknown', () => {
  const results = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(results), [['unknown', site]]);
  assert.match(results[0]?.message ?? '', /No public API/);
});
