import type { DatasetRecord } from '../../dataset-catalogue.ts';

// Which groups are "broad" on a Confluence site: the groups that confer plain product access (the
// `confluence-users-<site>` kind, whose members are everyone who uses Confluence), plus names the
// organization declares. A group that also confers admin or site-admin access is an admin group —
// its members are admins already — so holding Space admin through it is not a broad grant.

type AccessGroup = DatasetRecord<'confluence.groups'>;

export interface BroadGroups {
  /** Whether a permission subject (by group id, else by name) is a broad group. */
  has(groupId: string | null, groupName: string | null): boolean;
  /** The broad groups' names, for messages and evidence. */
  names: string[];
}

export function broadGroups(groups: readonly AccessGroup[], extraNames: readonly string[]): BroadGroups {
  const broad = groups.filter(
    (g) => g.accessTypes.includes('user') && !g.accessTypes.some((t) => t === 'admin' || t === 'site-admin'),
  );
  const ids = new Set(broad.map((g) => g.groupId));
  const names = new Set([...broad.map((g) => g.name), ...extraNames].map((n) => n.toLowerCase()));
  return {
    has: (groupId, groupName) =>
      (groupId !== null && ids.has(groupId)) || (groupName !== null && names.has(groupName.toLowerCase())),
    names: [...new Set([...broad.map((g) => g.name), ...extraNames])].sort(),
  };
}
