import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRecord } from '../../dataset-catalogue.ts';
import { runRule, verdicts } from '../../testing/run-rule.ts';
import { TEST_SITE, testSnapshot } from '../../testing/test-snapshot.ts';
import { rule } from './org_site_admin_count_bounded.rule.ts';

type Group = DatasetRecord<'jira.groups'>;
type Member = DatasetRecord<'jira.group-members'>;

const groups: Group[] = [
  { groupId: 'g-sa', name: 'site-admins', accessTypes: ['site-admin', 'user'] },
  { groupId: 'g-ja', name: 'jira-admins-acme', accessTypes: ['admin'] },
  { groupId: 'g-u', name: 'jira-software-users-acme', accessTypes: ['user'] },
];

function member(groupId: string, accountId: string, fields: Partial<Member> = {}): Member {
  return {
    groupId,
    groupName: groups.find((g) => g.groupId === groupId)?.name ?? groupId,
    accountId,
    accountType: 'atlassian',
    displayName: accountId.toUpperCase(),
    active: true,
    ...fields,
  };
}

function site(members: Member[], settings: object = {}) {
  return runRule(rule, testSnapshot({ datasets: { 'jira.groups': groups, 'jira.group-members': members } }), {
    settings: { org_site_admin_count_bounded: settings },
  });
}

test('a site with three site admins passes; product admins and users are not site admins', () => {
  const results = site([
    member('g-sa', 'a'),
    member('g-sa', 'b'),
    member('g-sa', 'c'),
    member('g-ja', 'd'),
    member('g-u', 'e'),
  ]);
  assert.deepEqual(verdicts(results), [['pass', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.resource.type, 'site');
  assert.equal(results[0]?.message, '3 site admins: A, B, C.');
});

test('a site with seven site admins fails, naming them', () => {
  const results = site(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => member('g-sa', id)));
  assert.deepEqual(verdicts(results), [['fail', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.message, '7 site admins, more than 5: A, B, C, D, E, F, G.');
});

test('inactive members, app accounts and declared break-glass accounts are not counted', () => {
  const members = [
    ...['a', 'b', 'c', 'd', 'e'].map((id) => member('g-sa', id)),
    member('g-sa', 'gone', { active: false }),
    member('g-sa', 'bot', { accountType: 'app' }),
    member('g-sa', 'bg'),
  ];
  assert.deepEqual(verdicts(site(members)), [['fail', TEST_SITE.cloudId]]);
  assert.deepEqual(verdicts(site(members, { breakGlassAccounts: ['bg'] })), [['pass', TEST_SITE.cloudId]]);
});

test('group members the site credential may not read make the site unknown', () => {
  const results = runRule(
    rule,
    testSnapshot({
      datasets: { 'jira.groups': groups },
      outcomes: { 'jira.group-members': { status: 'failed', reason: 'HTTP 500' } },
    }),
  );
  assert.deepEqual(verdicts(results), [['unknown', TEST_SITE.cloudId]]);
  assert.equal(results[0]?.reasons?.[0]?.code, 'dataset_failed');
});
