import { jiraAdmins, jiraGroupMembers, jiraGroups, type RecordOf } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { recordsOf } from './context.ts';
import { toItems } from './normalize.ts';

// Who administers a site, derived without any API call: the members of the groups jira.groups
// says confer `site-admin` or `admin` access (group/bulk's accessType), as jira.group-members read
// them. An account in several such groups is one record naming each group. Product access groups
// (`user`) confer no administration and are left out.

type Admin = RecordOf<typeof jiraAdmins>;

export function adminsOf(
  groups: readonly RecordOf<typeof jiraGroups>[],
  members: readonly RecordOf<typeof jiraGroupMembers>[],
): Admin[] {
  const byGroup = new Map(groups.map((g) => [g.groupId, g]));
  const admins = new Map<string, Admin>();
  for (const m of members) {
    const group = byGroup.get(m.groupId);
    const siteAdmin = group?.accessTypes.includes('site-admin') ?? false;
    const jiraAdmin = group?.accessTypes.includes('admin') ?? false;
    if (!group || (!siteAdmin && !jiraAdmin)) continue;
    const known = admins.get(m.accountId);
    admins.set(m.accountId, {
      accountId: m.accountId,
      accountType: known?.accountType ?? m.accountType,
      displayName: known?.displayName ?? m.displayName,
      active: known?.active ?? m.active,
      siteAdmin: (known?.siteAdmin ?? false) || siteAdmin,
      jiraAdmin: (known?.jiraAdmin ?? false) || jiraAdmin,
      groups: [...new Set([...(known?.groups ?? []), group.name])].sort(),
    });
  }
  return [...admins.values()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

export const collector = defineCollector({
  dataset: jiraAdmins,
  credential: 'none',
  dependsOn: [jiraGroups, jiraGroupMembers],
  // Derived from the datasets above: no call.
  cost: () => 0,
  async *collect(ctx) {
    const [groups, members] = await Promise.all([
      recordsOf(ctx, jiraGroups),
      recordsOf(ctx, jiraGroupMembers),
    ]);
    yield { items: toItems(jiraAdmins, adminsOf(groups, members)), checkpoint: null };
  },
});
