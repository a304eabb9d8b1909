import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jsm_customer_signup_restricted.rule.ts';

type CustomerAccess = SubjectValue<'attested.jsm-customer-access'>;

const site = { ...TEST_SITE, products: { jira: 'premium', 'jira-service-management': 'premium' } } as const;
const snapshot = testSnapshot({ sites: [site] });

function run(value: CustomerAccess) {
  const attestation = testAttestation('attested.jsm-customer-access', value, { scope: site.cloudId });
  return runRule(rule, snapshot, { attestations: [attestation] });
}

test('customer accounts created only by the team, with login required, pass', () => {
  const results = run({ accountCreation: 'disabled', allowedDomains: [], loginRequired: true });
  assert.deepEqual(verdicts(results), [['pass', site.cloudId]]);
  assert.equal(
    results[0]?.message,
    'Customer access is restricted: only your team creates customer accounts, and customers must log in.',
  );
});

test('sign-up limited to customer domains passes', () => {
  const results = run({
    accountCreation: 'domains',
    allowedDomains: ['RetailCo.example'],
    loginRequired: true,
  });
  assert.deepEqual(verdicts(results), [['pass', site.cloudId]]);
});

test('open sign-up and anonymous requests fail, naming both', () => {
  const results = run({ accountCreation: 'anyone', allowedDomains: [], loginRequired: false });
  assert.deepEqual(verdicts(results), [['fail', site.cloudId]]);
  assert.equal(
    results[0]?.message,
    'Customer access is open: anyone can create a customer account; customers can send requests without logging in.',
  );
});

test('sign-up allowed from a public e-mail domain fails', () => {
  const results = run({
    accountCreation: 'domains',
    allowedDomains: ['retailco.example', 'gmail.com'],
    loginRequired: true,
  });
  assert.deepEqual(verdicts(results), [['fail', site.cloudId]]);
  assert.match(results[0]?.message ?? '', /public e-mail domains \(gmail\.com\)/);
});

test('with no attestation customer access is unknown', () => {
  const results = runRule(rule, snapshot);
  assert.deepEqual(verdicts(results), [['unknown', site.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});

test('a site without Jira Service Management has no customer access to check', () => {
  const results = runRule(rule, testSnapshot());
  assert.deepEqual(verdicts(results), [['not_applicable', TEST_SITE.cloudId]]);
});
