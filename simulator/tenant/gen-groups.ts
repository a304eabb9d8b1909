// Groups: the per-site admin and product-access groups every Atlassian site has, the app group,
// and team groups (which projects and spaces use).

import { TEAM_WORDS } from './gen-names.ts';
import type { GenSpec } from './gen-spec.ts';
import type { People } from './gen-users.ts';
import { stream, uniqueName } from './gen-util.ts';
import type { Group, Site, User } from './model.ts';

export const ADDONS_GROUP = 'atlassian-addons-admin';

/** The primary site's admin group is plain `site-admins`, as on an org's first site. */
export function siteAdminsGroup(siteName: string, primary: boolean): string {
  return primary ? 'site-admins' : `site-admins-${siteName}`;
}
export const jiraAdminsGroup = (site: string): string => `jira-admins-${site}`;
export const jiraUsersGroup = (site: string): string => `jira-software-users-${site}`;
export const confAdminsGroup = (site: string): string => `confluence-admins-${site}`;
export const confUsersGroup = (site: string): string => `confluence-users-${site}`;

export interface GroupResult {
  groups: Group[];
  teams: Group[];
}

export function generateGroups(spec: GenSpec, sites: Site[], people: People, appUsers: User[]): GroupResult {
  const rng = stream(spec.seed, 'groups');
  const groups: Group[] = [];
  const names = new Set<string>();
  const add = (
    name: string,
    description: string,
    members: User[],
    grants: Group['grants'],
    managedBy: Group['managedBy'] = 'admins',
  ): Group => {
    const group: Group = {
      id: rng.uuid(),
      name: uniqueName(name, names, '-'),
      description,
      memberIds: [...new Set(members.map((u) => u.accountId))],
      grants,
      managedBy,
    };
    groups.push(group);
    return group;
  };
  const [credentialAdmin, ...otherOrgAdmins] = people.orgAdmins;
  sites.forEach((site, index) => {
    const products = (['jira', 'confluence'] as const).filter((p) => site[p]);
    const siteAdmins = [
      ...(credentialAdmin ? [credentialAdmin] : []),
      ...(index === 0 ? otherOrgAdmins : []),
      ...(people.siteAdmins.get(site.id) ?? []),
    ];
    add(
      siteAdminsGroup(site.name, index === 0),
      `Site administrators of ${site.name}.atlassian.net`,
      siteAdmins,
      products.map((product) => ({ siteId: site.id, product, role: 'site-admin' as const })),
    );
    if (site.jira) {
      add(jiraAdminsGroup(site.name), 'Jira administrators', people.jiraAdmins.get(site.id) ?? [], [
        { siteId: site.id, product: 'jira', role: 'admin' },
      ]);
      add(jiraUsersGroup(site.name), 'Grants access to Jira', people.jiraUsers.get(site.id) ?? [], [
        { siteId: site.id, product: 'jira', role: 'user' },
      ]);
    }
    if (site.confluence) {
      add(confAdminsGroup(site.name), 'Confluence administrators', people.confAdmins.get(site.id) ?? [], [
        { siteId: site.id, product: 'confluence', role: 'admin' },
      ]);
      add(confUsersGroup(site.name), 'Grants access to Confluence', people.confUsers.get(site.id) ?? [], [
        { siteId: site.id, product: 'confluence', role: 'user' },
      ]);
    }
  });
  add(ADDONS_GROUP, 'App accounts that need elevated access', appUsers, []);
  const pool = people.humans.filter((u) => u.accountType === 'atlassian');
  const teams: Group[] = [];
  const teamCount = Math.max(0, spec.groups - groups.length);
  for (let i = 0; i < teamCount; i++) {
    const prefix = rng.pick(['team', 'team', 'eng', 'squad', 'dept']);
    const size = Math.min(pool.length, 3 + Math.floor(rng.next() ** 2 * 50));
    const synced = spec.scim && rng.chance(0.6);
    const word = rng.pick(TEAM_WORDS);
    teams.push(
      add(
        `${prefix}-${word}`,
        `The ${word} team`,
        rng.sample(pool, size),
        [],
        synced ? 'external' : 'team-members',
      ),
    );
  }
  return { groups, teams };
}
