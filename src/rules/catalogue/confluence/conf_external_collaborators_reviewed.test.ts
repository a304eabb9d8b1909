import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_external_collaborators_reviewed.rule.ts';
import { grant, space } from './space-fixtures.ts';

type User = DatasetRecord<'org.users'>;

function user(accountId: string, emailDomain: string | null, overrides: Partial<User> = {}): User {
  return {
    accountId,
    accountType: 'atlassian',
    accountStatus: 'active',
    membershipStatus: 'active',
    status: 'active',
    name: accountId,
    emailDomain,
    emailVerified: true,
    claimStatus: null,
    managementSource: null,
    platformRoles: [],
    mfaEnabled: true,
    addedToOrg: null,
    lastActive: null,
    productAccessCount: 1,
    ...overrides,
  };
}

const domains: DatasetRecord<'org.domains'>[] = [
  { id: 'd1', name: 'acme.example', claimType: 'dns', status: 'verified', verified: true },
  { id: 'd2', name: 'acme-labs.example', claimType: 'http', status: 'unverified', verified: false },
];
const users = [
  user('staff', 'acme.example'),
  user('eu-staff', 'eu.acme.example'),
  user('labs', 'acme-labs.example'),
  user('contractor', 'northwind.example'),
  user('gone', 'gmail.example', { accountStatus: 'inactive' }),
  user('bot', 'connect.atlassian.com', { accountType: 'app' }),
];

const partner = space('PARTNER', [
  grant('read/space', 'user', 'staff'),
  grant('administer/space', 'user', 'eu-staff'),
  grant('read/space', 'user', 'contractor'),
  grant('create/comment', 'user', 'contractor'),
  grant('create/page', 'user', 'gone'),
  grant('create/page', 'user', 'bot'),
]);
const eng = space('ENG', [grant('read/space', 'user', 'labs'), grant('create/page', 'user', 'labs')]);

function snapshot(spaces = [partner]) {
  return testSnapshot({
    datasets: { 'confluence.spaces': spaces, 'org.users': users, 'org.domains': domains },
  });
}

test('staff, externals who only read and comment, inactive and app accounts do not fail a space', () => {
  assert.deepEqual(verdicts(runRule(rule, snapshot())), [['pass', 'PARTNER']]);
});

test('an account at an unverified domain that can create pages fails the space, naming the account', () => {
  const results = runRule(rule, snapshot([partner, eng]));
  assert.deepEqual(verdicts(results), [
    ['pass', 'PARTNER'],
    ['fail', 'ENG'],
  ]);
  assert.equal(
    results[1]?.message,
    'External accounts can edit or administer ENG: labs @acme-labs.example (create/page).',
  );
});

test('a trusted domain is internal, and a space declared for externals lets them edit but not administer', () => {
  const trusted = runRule(rule, snapshot([eng]), {
    settings: { conf_external_collaborators_reviewed: { trustedDomains: ['acme-labs.example'] } },
  });
  assert.deepEqual(verdicts(trusted), [['pass', 'ENG']]);
  const adminSpace = space('EXT', [
    grant('create/page', 'user', 'contractor'),
    grant('administer/space', 'user', 'contractor'),
  ]);
  const declared = runRule(rule, snapshot([adminSpace]), {
    settings: { conf_external_collaborators_reviewed: { externalSpaces: ['EXT'] } },
  });
  assert.deepEqual(verdicts(declared), [['fail', 'EXT']]);
  assert.equal(
    declared[0]?.message,
    'External accounts can administer EXT: contractor @northwind.example (administer/space).',
  );
});

test('without the org directory nobody can be told external, so the site is unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'confluence.spaces': [eng], 'org.domains': domains },
      outcomes: {
        'org.users': { status: 'forbidden', missingScope: 'read:directories:admin', reason: null },
      },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_forbidden');
});

test('edit rights held only by accounts whose domain verification or e-mail domain is not known make the space unknown, not a pass', () => {
  const unstated: DatasetRecord<'org.domains'> = {
    id: 'd3',
    name: 'acme-labs.example',
    claimType: 'http',
    status: 'unknown',
    verified: false,
  };
  const noDomain = user('hidden', null);
  const results = runRule(
    rule,
    testSnapshot({
      datasets: {
        'confluence.spaces': [eng, space('OPS', [grant('create/page', 'user', 'hidden')])],
        'org.users': [...users, noDomain],
        'org.domains': [domains[0] as DatasetRecord<'org.domains'>, unstated],
      },
    }),
  );
  assert.deepEqual(verdicts(results), [
    ['unknown', 'ENG'],
    ['unknown', 'OPS'],
  ]);
  assert.match(results[0]?.message ?? '', /not known/);
});
