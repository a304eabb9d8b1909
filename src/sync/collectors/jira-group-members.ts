import { jiraGroupMembers, jiraGroups, type RecordOf } from '../../inventory/datasets/index.ts';
import { type Collector, defineCollector } from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { isNotFound, recordsOf, requireSite } from './context.ts';
import { toItem } from './normalize.ts';
import type { CollectorExport } from './settings.ts';
import { bool, str } from './values.ts';

// Members of the groups that confer access (from jira.groups), one `group/member` walk (50 per
// page) per group. Every group of an org would be one walk per group — 5,000 on xl — so only the
// groups the checks need are read: site-admin and admin groups (admin counts, admins' 2SV and
// activity) and, unless `groups: 'admin'`, the product access ("user") groups. The product access
// groups are by far the largest (~80,000 members on xl's main site: ~1,600 calls) and no check
// reads their members today (org.users carries product access), hence the option.
// Inactive members are included, flagged, so counts can choose. A checkpoint holds the group's
// index and the client's resume token inside that group's walk.

export interface JiraGroupMembersOptions {
  /** `admin`: site-admin and admin groups only; `admin-and-product` (default): also product access groups. */
  groups?: 'admin' | 'admin-and-product';
}

type Group = RecordOf<typeof jiraGroups>;

export function memberGroups(groups: readonly Group[], which: JiraGroupMembersOptions['groups']): Group[] {
  return groups
    .filter((g) => g.accessTypes.some((t) => t !== 'user' || which !== 'admin'))
    .sort((a, b) => a.groupId.localeCompare(b.groupId));
}

export function jiraGroupMembersCollector(options: JiraGroupMembersOptions = {}): Collector {
  const which = options.groups ?? 'admin-and-product';
  return defineCollector({
    dataset: jiraGroupMembers,
    dependsOn: [jiraGroups],
    // One walk per group read, whose members (inactive included) are what it stored.
    cost: ({ records, recordsOf, pages }) =>
      memberGroups(recordsOf(jiraGroups), which).reduce(
        (sum, g) =>
          sum + pages('jira.groupMembers.list', records.filter((m) => m.groupId === g.groupId).length),
        0,
      ),
    async *collect(ctx) {
      const site = requireSite(ctx, jiraGroupMembers.name);
      const groups = memberGroups(await recordsOf(ctx, jiraGroups), which);
      const start = decodePosition(jiraGroupMembers.name, ctx.resumeFrom);
      if (start.parent >= groups.length) {
        yield { items: [], checkpoint: null };
        return;
      }
      for (let i = start.parent; i < groups.length; i++) {
        const group = groups[i] as Group;
        const after = (next: string | null) =>
          next !== null
            ? encodePosition({ parent: i, next })
            : i + 1 < groups.length
              ? encodePosition({ parent: i + 1, next: null })
              : null;
        let yielded = false;
        try {
          for await (const page of ctx.api.pages('jira.groupMembers.list', {
            site,
            query: { groupId: group.groupId, includeInactiveUsers: true },
            resumeFrom: i === start.parent ? start.next : null,
          })) {
            yielded = true;
            yield {
              items: page.items.map((u) =>
                toItem(jiraGroupMembers, {
                  groupId: group.groupId,
                  groupName: group.name,
                  accountId: u.accountId,
                  accountType: str(u.accountType),
                  displayName: str(u.displayName),
                  active: bool(u.active),
                }),
              ),
              checkpoint: after(page.next),
            };
          }
        } catch (error) {
          // The group was deleted since jira.groups read it.
          if (!isNotFound(error)) throw error;
          yielded = false;
        }
        if (!yielded) yield { items: [], checkpoint: after(null) };
      }
    },
  });
}

export const collector: CollectorExport = (settings) =>
  jiraGroupMembersCollector({ groups: settings.groupMembers ?? 'admin-and-product' });
