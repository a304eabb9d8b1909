import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { domain, orgUser } from '../accounts/test-records.ts';
import { rule } from './org_accounts_claimed.rule.ts';

const domains = [domain('acme.example'), domain('acme-labs.example', false)];

test('an organization whose accounts at its verified domains are all managed passes', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.domains': domains,
        'org.users': [
          orgUser('ada'),
          orgUser('ben'),
          orgUser('gus', { emailDomain: 'gmail.com', claimStatus: 'unmanaged' }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(results[0]?.message, 'All 2 active accounts at acme.example are managed.');
});

test('an unmanaged account at a verified domain fails; externals, unverified domains and closed accounts do not', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.domains': domains,
        'org.users': [
          orgUser('ada'),
          orgUser('una', { claimStatus: 'unmanaged', managementSource: null }),
          orgUser('gus', { emailDomain: 'gmail.com', claimStatus: 'unmanaged' }),
          orgUser('lab', { emailDomain: 'acme-labs.example', claimStatus: 'unmanaged' }),
          orgUser('old', { claimStatus: 'unmanaged', accountStatus: 'closed', status: 'deactivated' }),
          orgUser('bot', { accountType: 'app', claimStatus: 'unmanaged' }),
        ],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['fail', 'una']]);
  assert.equal(
    results[0]?.message,
    'Una (acme.example) is at a verified domain but not managed by the organization.',
  );
  assert.equal(results[0]?.resource.type, 'user');
});

test('an account whose claim status the directory does not give is unknown, not passed', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.domains': domains, 'org.users': [orgUser('ada', { claimStatus: null })] },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'ada']]);
});

test('with no verified domain there is nothing to claim, so the check does not apply', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.domains': [domain('acme.example', false)], 'org.users': [orgUser('ada')] },
    }),
  );
  assert.deepEqual(verdicts(results), [['not_applicable', 'org-1']]);
});

test('a directory the org API key may not read makes the check unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.domains': domains },
      outcomes: {
        'org.users': { status: 'forbidden', missingScope: 'read:directories:admin', reason: null },
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_forbidden');
});

test('with no domain stated verified and one whose verification is not given, the check is unknown, not inapplicable', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.domains': [{ ...domain('acme.example', false), status: 'unknown' }],
        'org.users': [orgUser('ada')],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
});
