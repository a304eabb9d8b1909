import type { SiteRef } from '../../atlassian/api.ts';
import {
  type DataCenterProduct,
  dcAdmins,
  dcGlobalPermissions,
  type RecordOf,
} from '../../inventory/datasets/index.ts';
import { type CollectorContext, defineCollector, type PartialNote } from '../collector.ts';
import { recordsOf, requireSite } from './context.ts';
import { dataCenterProductOf, optionalRead } from './dc-sources.ts';
import { toItems } from './normalize.ts';

// Who holds the administrator and system administrator rights: the groups granting each (from
// dc.global-permissions; where those were not readable, the products' default groups, said in
// the partial note) and their members, walked per group — Jira `group/member` (PageBean,
// inactive users asked for and counted apart), Confluence `group/{name}/member` (start/limit).
// Each right counts its own holders: a system administrator is not added to the administrators.

const RIGHTS: Record<
  DataCenterProduct,
  { right: 'admin' | 'system-admin'; permission: string; defaults: string[] }[]
> = {
  'jira-data-center': [
    { right: 'admin', permission: 'ADMINISTER', defaults: ['jira-administrators'] },
    { right: 'system-admin', permission: 'SYSTEM_ADMIN', defaults: ['jira-system-administrators'] },
  ],
  'confluence-data-center': [
    { right: 'admin', permission: 'ADMINISTRATECONFLUENCE', defaults: ['confluence-administrators'] },
    // Confluence grants System Administrator to confluence-administrators out of the box.
    { right: 'system-admin', permission: 'SYSTEMADMINISTRATOR', defaults: ['confluence-administrators'] },
  ],
};

const MAX_NAMES = 200;

interface Member {
  name: string;
  active: boolean;
}

async function membersOf(
  ctx: CollectorContext,
  site: SiteRef,
  product: DataCenterProduct,
  group: string,
): Promise<Member[] | undefined> {
  return optionalRead(async () => {
    const out: Member[] = [];
    if (product === 'jira-data-center') {
      const query = { groupname: group, includeInactiveUsers: true };
      for await (const page of ctx.api.pages('dc.jira.groupMembers.list', { site, query })) {
        for (const u of page.items) out.push({ name: u.name, active: u.active !== false });
      }
    } else {
      const params = { groupName: group };
      for await (const page of ctx.api.pages('dc.confluence.groupMembers.list', { site, params })) {
        for (const u of page.items) out.push({ name: u.username, active: u.status !== 'deactivated' });
      }
    }
    return out;
  });
}

type Grant = RecordOf<typeof dcGlobalPermissions>;

export const collector = defineCollector({
  dataset: dcAdmins,
  dependsOn: [dcGlobalPermissions],
  // One walk per distinct group granting a right; administrator groups fit one page (Jira 50,
  // Confluence 1,000 members).
  cost: ({ records }) => new Set(records.flatMap((r) => r.groups)).size,
  async *collect(ctx) {
    const site = requireSite(ctx, dcAdmins.name);
    const product = dataCenterProductOf(site, dcAdmins.name);
    const grants: Grant[] = await recordsOf(ctx, dcGlobalPermissions);
    const notes: string[] = [];
    const cache = new Map<string, Member[] | undefined>();
    const records: RecordOf<typeof dcAdmins>[] = [];
    for (const r of RIGHTS[product]) {
      const grant = grants.find((g) => g.permission === r.permission);
      const groups = grant ? grant.groups : r.defaults;
      if (!grant) notes.push(`${r.permission}: the default group ${r.defaults.join(', ')} assumed`);
      const members = new Map<string, boolean>();
      for (const user of grant?.users ?? []) members.set(user, true);
      for (const group of groups) {
        if (!cache.has(group)) cache.set(group, await membersOf(ctx, site, product, group));
        const listed = cache.get(group);
        if (!listed) {
          notes.push(`group ${group} not found`);
          continue;
        }
        for (const m of listed) members.set(m.name, (members.get(m.name) ?? false) || m.active);
      }
      const active = [...members]
        .filter(([, a]) => a)
        .map(([name]) => name)
        .sort();
      records.push({
        product,
        right: r.right,
        groups: [...groups],
        count: active.length,
        usernames: active.slice(0, MAX_NAMES),
        inactiveCount: members.size - active.length,
      });
    }
    const partial: PartialNote | undefined =
      notes.length > 0
        ? {
            reason: `administrators counted with assumptions: ${notes.join('; ')}`,
            missing: 'a readable global permissions list',
          }
        : undefined;
    yield { items: toItems(dcAdmins, records), checkpoint: null, ...(partial ? { partial } : {}) };
  },
});
