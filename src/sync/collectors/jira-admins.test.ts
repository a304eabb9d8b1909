import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import { adminsOf, collector as jiraAdminsCollector } from './jira-admins.ts';
import { jiraGroupMembersCollector } from './jira-group-members.ts';
import { collector as jiraGroupsCollector } from './jira-groups.ts';
import { client, MemoryInventory, resetServed, runCollector, served, tinySites } from './test-support.ts';

test('an account in several admin groups is one admin naming each group; product access is no administration', () => {
  const groups = [
    { groupId: 'g1', name: 'site-admins', accessTypes: ['site-admin' as const] },
    { groupId: 'g2', name: 'jira-admins', accessTypes: ['admin' as const] },
    { groupId: 'g3', name: 'jira-users', accessTypes: ['user' as const] },
  ];
  const member = (groupId: string, accountId: string) => ({
    groupId,
    groupName: groups.find((g) => g.groupId === groupId)?.name ?? '',
    accountId,
    accountType: 'atlassian',
    displayName: accountId,
    active: true,
  });
  const admins = adminsOf(groups, [
    member('g1', 'ada'),
    member('g2', 'ada'),
    member('g2', 'mo'),
    member('g3', 'eve'),
  ]);
  assert.deepEqual(
    admins.map((a) => [a.accountId, a.siteAdmin, a.jiraAdmin, a.groups]),
    [
      ['ada', true, true, ['jira-admins', 'site-admins']],
      ['mo', false, true, ['jira-admins']],
    ],
  );
});

test('the admins of the tiny site come from its admin groups, without a call of their own', async () => {
  const h = await startHarness();
  const api = client(h);
  try {
    const [site] = tinySites(h);
    if (!site) throw new Error('no site');
    const inventory = new MemoryInventory();
    for (const c of [jiraGroupsCollector, jiraGroupMembersCollector()]) {
      await runCollector(c, { api, site, inventory });
    }
    await resetServed(h);
    const pages = await runCollector(jiraAdminsCollector, { api, site, inventory });
    assert.deepEqual(await served(h), {});
    const admins = pages.flatMap((p) =>
      p.items.map((i) => i.data as { accountId: string; siteAdmin: boolean }),
    );
    const ada = admins.find((a) => a.accountId === TINY.admin);
    assert.equal(ada?.siteAdmin, true, 'the site admin is listed as one');
    assert.ok(admins.length > 0 && admins.length < inventory.get('jira.group-members', site.cloudId).length);
  } finally {
    await api.close();
    await h.stop();
  }
});
