import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './jira_bulk_change_restricted.rule.ts';
import { group } from './test-records.ts';

type GlobalPermissions = SubjectValue<'attested.jira-global-permissions'>;

const site = TEST_SITE.cloudId;
const groups = [
  group('jira-software-users-acme', ['user']),
  group('site-admins', ['site-admin', 'user']),
  group('jira-admins-acme', ['admin']),
];

function attest(value: GlobalPermissions) {
  return testAttestation('attested.jira-global-permissions', value, { scope: site });
}

const snapshot = testSnapshot({ datasets: { 'jira.groups': groups } });

test('bulk change granted only to admin and named groups passes', () => {
  const results = runRule(rule, snapshot, {
    attestations: [
      attest({
        permissions: [{ permission: 'BULK_CHANGE', groups: ['site-admins', 'bulk-editors'], anyone: false }],
      }),
    ],
  });
  assert.deepEqual(verdicts(results), [['pass', 'BULK_CHANGE']]);
  assert.equal(results[0]?.message, 'Make bulk changes is granted only to site-admins, bulk-editors.');
});

test('bulk change granted to the product access group fails', () => {
  const results = runRule(rule, snapshot, {
    attestations: [
      attest({
        permissions: [{ permission: 'BULK_CHANGE', groups: ['jira-software-users-acme'], anyone: false }],
      }),
    ],
  });
  assert.deepEqual(verdicts(results), [['fail', 'BULK_CHANGE']]);
  assert.equal(
    results[0]?.message,
    'Make bulk changes is granted to jira-software-users-acme, which every user is in.',
  );
});

test('bulk change granted to a group the organization declares broad fails', () => {
  const results = runRule(rule, snapshot, {
    attestations: [
      attest({ permissions: [{ permission: 'BULK_CHANGE', groups: ['All-Staff'], anyone: false }] }),
    ],
    settings: { jira_bulk_change_restricted: { broadGroups: ['all-staff'] } },
  });
  assert.deepEqual(verdicts(results), [['fail', 'BULK_CHANGE']]);
});

test('bulk change granted to anyone on the web fails', () => {
  const results = runRule(rule, snapshot, {
    attestations: [attest({ permissions: [{ permission: 'BULK_CHANGE', groups: [], anyone: true }] })],
  });
  assert.deepEqual(verdicts(results), [['fail', 'BULK_CHANGE']]);
});

test('an attestation that does not record bulk change leaves it unknown', () => {
  const results = runRule(rule, snapshot, {
    attestations: [
      attest({ permissions: [{ permission: 'USER_PICKER', groups: ['site-admins'], anyone: false }] }),
    ],
  });
  assert.deepEqual(verdicts(results), [['unknown', 'BULK_CHANGE']]);
});

test('with no attestation bulk change is unknown', () => {
  const results = runRule(rule, snapshot);
  assert.deepEqual(verdicts(results), [['unknown', site]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'attestation_missing');
});
