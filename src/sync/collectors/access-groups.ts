import type { SiteRef } from '../../atlassian/api.ts';
import type { CollectorContext } from '../collector.ts';
import { collectAll } from './walk.ts';

// Jira's `group/bulk` and Confluence's v1 `group` both filter by `accessType`: three short walks
// (site-admin, admin, user) name exactly the groups that confer access on a site, instead of one
// walk of every group in the org (5,000 on xl, and the org list is org.groups already). The three
// lists are merged before anything is yielded — a group may confer several kinds of access — and
// are cheap enough to re-read on resume.

export const ACCESS_TYPES = ['site-admin', 'admin', 'user'] as const;
export type AccessType = (typeof ACCESS_TYPES)[number];

export interface AccessGroup {
  groupId: string;
  name: string;
  accessTypes: AccessType[];
}

/** One access type's groups: Jira names a group's id `groupId`, Confluence `id`. */
async function groupsOf(
  ctx: CollectorContext,
  site: SiteRef,
  product: 'jira' | 'confluence',
  accessType: AccessType,
): Promise<{ groupId: string; name: string }[]> {
  const options = { site, query: { accessType } };
  return product === 'jira'
    ? (await collectAll(ctx, 'jira.groups.list', options)).map((g) => ({ groupId: g.groupId, name: g.name }))
    : (await collectAll(ctx, 'confluence.groups.list', options)).map((g) => ({
        groupId: g.id,
        name: g.name,
      }));
}

export async function accessGroups(
  ctx: CollectorContext,
  site: SiteRef,
  product: 'jira' | 'confluence',
): Promise<AccessGroup[]> {
  const byId = new Map<string, AccessGroup>();
  for (const accessType of ACCESS_TYPES) {
    for (const { groupId, name } of await groupsOf(ctx, site, product, accessType)) {
      const group = byId.get(groupId) ?? { groupId, name, accessTypes: [] };
      if (!group.accessTypes.includes(accessType)) group.accessTypes.push(accessType);
      byId.set(groupId, group);
    }
  }
  return [...byId.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.groupId.localeCompare(b.groupId),
  );
}

/** The calls of the three walks: one list per access type, each at least one page. */
export function accessGroupWalks(
  groups: readonly { accessTypes: readonly AccessType[] }[],
  pagesOf: (items: number) => number,
): number {
  return ACCESS_TYPES.reduce(
    (sum, type) => sum + pagesOf(groups.filter((g) => g.accessTypes.includes(type)).length),
    0,
  );
}
