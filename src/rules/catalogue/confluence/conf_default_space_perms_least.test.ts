import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubjectValue } from '../../attestation-subjects.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testAttestation, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './conf_default_space_perms_least.rule.ts';
import { accessGroup } from './space-fixtures.ts';

type Defaults = SubjectValue<'attested.confluence-default-space-permissions'>;

const groups = [accessGroup('confluence-users-acme', 'user'), accessGroup('confluence-admins-acme', 'admin')];

function run(value: Defaults, settings?: Record<string, unknown>) {
  return runRule(rule, testSnapshot({ datasets: { 'confluence.groups': groups } }), {
    attestations: [
      testAttestation('attested.confluence-default-space-permissions', value, { scope: TEST_SITE.cloudId }),
    ],
    ...(settings ? { settings: { conf_default_space_perms_least: settings } } : {}),
  });
}

const least: Defaults = {
  anonymous: [],
  groups: [
    { name: 'confluence-users-acme', permissions: ['view', 'add-content', 'delete-own', 'export'] },
    { name: 'confluence-admins-acme', permissions: ['view', 'administer', 'delete-space', 'delete-content'] },
  ],
};

test('defaults that keep admin and delete rights with the admin group pass', () => {
  assert.deepEqual(verdicts(run(least)), [['pass', TEST_SITE.cloudId]]);
});

test('anonymous defaults and admin or delete rights for the product access group fail, each named', () => {
  const results = run({
    anonymous: ['view'],
    allLicensedUsers: ['view', 'delete-content'],
    groups: [{ name: 'confluence-users-acme', permissions: ['view', 'administer'] }, least.groups[1]!],
  });
  assert.deepEqual(verdicts(results), [['fail', TEST_SITE.cloudId]]);
  assert.equal(
    results[0]?.message,
    'Every new space inherits: Anonymous gets view; All licensed users get delete-content; confluence-users-acme gets administer.',
  );
});

test('the forbidden permissions can be tuned: an organization that accepts content deletion by everyone', () => {
  const everyoneDeletes: Defaults = {
    anonymous: [],
    groups: [{ name: 'confluence-users-acme', permissions: ['view', 'delete-content'] }],
  };
  assert.deepEqual(verdicts(run(everyoneDeletes)), [['fail', TEST_SITE.cloudId]]);
  assert.deepEqual(
    verdicts(run(everyoneDeletes, { forbiddenForBroadGroups: ['administer', 'delete-space'] })),
    [['pass', TEST_SITE.cloudId]],
  );
});

test('without the attestation, or without the access groups, the check is unknown', () => {
  const none = runRule(rule, testSnapshot({ datasets: { 'confluence.groups': groups } }));
  assert.equal(none[0]?.reasons?.[0]?.code, 'attestation_missing');
  const noGroups = runRule(rule, testSnapshot(), {
    attestations: [
      testAttestation('attested.confluence-default-space-permissions', least, { scope: TEST_SITE.cloudId }),
    ],
  });
  assert.deepEqual(verdicts(noGroups), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(noGroups[0]?.reasons?.[0]?.code, 'dataset_not_collected');
});
