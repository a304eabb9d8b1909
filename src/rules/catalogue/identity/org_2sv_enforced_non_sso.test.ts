import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { ORG_ADMIN, orgUser } from '../accounts/test-records.ts';
import { rule } from './org_2sv_enforced_non_sso.rule.ts';

const users = [
  orgUser('ada'),
  orgUser('ben', { mfaEnabled: false }),
  orgUser('cy', { mfaEnabled: false, managementSource: 'invited', platformRoles: ORG_ADMIN }),
  orgUser('gus', { emailDomain: 'gmail.com', claimStatus: 'unmanaged', mfaEnabled: false }),
  orgUser('old', { mfaEnabled: false, accountStatus: 'inactive', status: 'deactivated' }),
];

test('an organization whose managed accounts all have two-step verification passes', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.users': [orgUser('ada'), orgUser('ben')] } }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
  assert.equal(results[0]?.message, 'All 2 managed accounts have two-step verification.');
});

test('each managed account without two-step verification fails; external and deactivated accounts are not judged', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }));
  assert.deepEqual(verdicts(results), [
    ['fail', 'ben'],
    ['fail', 'cy'],
  ]);
  assert.equal(results[0]?.message, 'Ben signs in without two-step verification.');
});

test('accounts declared as signing in through SSO are not expected to have Atlassian two-step verification', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }), {
    settings: { org_2sv_enforced_non_sso: { ssoCoveredAccounts: 'synced' } },
  });
  assert.deepEqual(verdicts(results), [['fail', 'cy']], 'cy was invited, not provisioned from the IdP');
  const all = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }), {
    settings: { org_2sv_enforced_non_sso: { ssoCoveredAccounts: 'managed' } },
  });
  assert.deepEqual(verdicts(all), [['pass', 'org-1']]);
});

test('a break-glass account never counts as covered by SSO', () => {
  const results = runRule(rule, testSnapshot({ datasets: { 'org.users': users } }), {
    settings: { org_2sv_enforced_non_sso: { ssoCoveredAccounts: 'managed', breakGlassAccounts: ['cy'] } },
  });
  assert.deepEqual(verdicts(results), [['fail', 'cy']]);
});

test('an account whose 2SV status the directory does not give is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.users': [orgUser('ada', { mfaEnabled: null })] } }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'ada']]);
});

test('a directory read only in part cannot pass, but the failures it shows stand', () => {
  const partial = { 'org.users': { status: 'partial' as const, reason: 'page 3 failed' } };
  const clean = runRule(
    rule,
    testSnapshot({ datasets: { 'org.users': [orgUser('ada')] }, outcomes: partial }),
  );
  assert.deepEqual(verdicts(clean), [['unknown', 'org-1']]);
  const gap = runRule(rule, testSnapshot({ datasets: { 'org.users': users }, outcomes: partial }));
  assert.deepEqual(verdicts(gap), [
    ['fail', 'ben'],
    ['fail', 'cy'],
  ]);
});
