import type { DatasetRecord } from '../../dataset-catalogue.ts';

// "Broad" groups: those that hold every user of the site. Jira names them through `group/bulk`'s
// accessType: a group conferring `user` access is a product access group (jira-software-users-…),
// which every licensed user is in. A group that also confers admin or site-admin access is an admin
// group (site-admins is often a product access group too), so it is not broad. Organizations add
// the names of other all-staff groups (an IdP's "everyone" group) in the rules' settings.

type Group = DatasetRecord<'jira.groups'>;

export interface GroupRef {
  groupId?: string | null;
  name?: string | null;
}

export interface BroadGroups {
  /** Whether the group (by id or, failing that, by name) is broad. */
  has(ref: GroupRef): boolean;
  /** The broad groups found on the site, by name. */
  names: readonly string[];
}

const key = (name: string) => name.trim().toLowerCase();

export function broadGroups(groups: readonly Group[], extraNames: readonly string[] = []): BroadGroups {
  const productGroups = groups.filter(
    (g) => g.accessTypes.includes('user') && !g.accessTypes.some((t) => t === 'admin' || t === 'site-admin'),
  );
  const ids = new Set(productGroups.map((g) => g.groupId));
  const names = new Set([...productGroups.map((g) => key(g.name)), ...extraNames.map(key)]);
  return {
    has: (ref) =>
      (ref.groupId != null && ids.has(ref.groupId)) || (ref.name != null && names.has(key(ref.name))),
    names: [...new Set([...productGroups.map((g) => g.name), ...extraNames])],
  };
}
