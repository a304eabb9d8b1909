import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_external_users_reviewed.rule.ts';
import { domain, orgUser } from './test-records.ts';

const external = (id: string, emailDomain: string, fields = {}) =>
  orgUser(id, {
    emailDomain,
    claimStatus: 'unmanaged',
    managementSource: null,
    mfaEnabled: false,
    ...fields,
  });

const users = [
  orgUser('ada'),
  external('gus', 'gmail.com'),
  external('nia', 'northwind-contractors.example', { productAccessCount: 1 }),
  external('pat', 'partner.example'),
  external('cus', 'retailco.example', { accountType: 'customer' }),
  external('idle', 'gmail.com', { productAccessCount: 0 }),
  external('gone', 'gmail.com', { accountStatus: 'closed', status: 'deactivated' }),
];

test('an organization whose accounts with access are all at its verified domains passes', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.domains': [domain('acme.example')], 'org.users': users.slice(0, 1) } }),
  );
  assert.deepEqual(verdicts(results), [['pass', 'org-1']]);
});

test('each external account with app access fails; customers, accounts without access and closed ones do not', () => {
  const results = runRule(
    rule,
    testSnapshot({ datasets: { 'org.domains': [domain('acme.example')], 'org.users': users } }),
  );
  assert.deepEqual(verdicts(results), [
    ['fail', 'gus'],
    ['fail', 'nia'],
    ['fail', 'pat'],
  ]);
  assert.equal(
    results[1]?.message,
    'Nia (northwind-contractors.example) is external and can use 1 app(s): review the access.',
  );
});

test('a partner domain approved in the settings is accepted, and an unverified own domain is still external', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.domains': [domain('acme.example'), domain('acme-labs.example', false)],
        'org.users': [
          external('pat', 'partner.example'),
          orgUser('lab', { emailDomain: 'acme-labs.example' }),
        ],
      },
    }),
    { settings: { org_external_users_reviewed: { approvedExternalDomains: ['Partner.example'] } } },
  );
  assert.deepEqual(verdicts(results), [['fail', 'lab']]);
});

test('an account whose e-mail domain is unknown is unknown, not passed', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'org.domains': [domain('acme.example')],
        'org.users': [orgUser('x', { emailDomain: null })],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'x']]);
});

test('domains that could not be read make the check unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.users': users },
      outcomes: { 'org.domains': { status: 'failed', reason: 'HTTP 500' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', 'org-1']]);
});

test('an account at a domain whose verification the admin API did not give is unknown, never external', () => {
  const unstated = { ...domain('acme.example'), status: 'unknown', verified: false };
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'org.domains': [unstated], 'org.users': [orgUser('ada'), external('gus', 'gmail.com')] },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['unknown', 'ada'],
    ['fail', 'gus'],
  ]);
});
