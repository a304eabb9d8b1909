import type { SimContext } from '../core/context.ts';
import { SimError } from '../http/errors.ts';
import { adminLimit, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { User } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import {
  bodyFilters,
  directoryOfUser,
  type Filters,
  queryFilters,
  searchBody,
  selectedDirectories,
} from './admin-directory.ts';
import { orgUrl } from './admin-orgs.ts';
import { v2Page } from './admin-pages.ts';
import { avatarUrl } from './admin-people.ts';

// GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users: every Atlassian account in the
// org's directories, managed or not, with its 2SV, roles and status (jira.js MultiDirectoryUser).
// https://developer.atlassian.com/cloud/admin/organization/rest/api-group-directory/

/** The v2 lifecycle `status`, derived from account and membership status. */
function statusOf(user: User): 'active' | 'suspended' | 'not_invited' | 'deactivated' {
  if (user.accountStatus !== 'active') return 'deactivated';
  if (user.membershipStatus === 'suspended') return 'suspended';
  if (user.membershipStatus === 'no_membership') return 'not_invited';
  return 'active';
}

function renderUser(ctx: SimContext, orgId: string, directoryId: string, user: User) {
  return {
    accountId: user.accountId,
    accountType: user.accountType,
    accountStatus: user.accountStatus,
    membershipStatus: user.membershipStatus,
    status: statusOf(user),
    addedToOrg: user.addedToOrg,
    name: user.name,
    nickname: user.nickname,
    email: user.email,
    emailVerified: user.emailVerified,
    claimStatus: user.claimStatus,
    managementSource: user.managementSource,
    platformRoles: user.platformRoles,
    mfaEnabled: user.mfaEnabled,
    avatar: avatarUrl(user),
    ...(user.jobTitle ? { jobTitle: user.jobTitle } : {}),
    department: user.department,
    timeZone: user.timeZone,
    // Not in the jira.js model; the admin UI's "last active" column, which Palisade's
    // inactivity checks need (the per-product dates are in `/last-active-dates`).
    ...(user.lastActive ? { lastActive: user.lastActive } : {}),
    counts: { resources: user.productAccess.length },
    links: { self: `${orgUrl(ctx, orgId, 'v2')}/directories/${directoryId}/users/${user.accountId}` },
  };
}

function matchingUsers(call: Call, filter: Filters): { user: User; directoryId: string }[] {
  const state = call.ctx.state;
  const directories = selectedDirectories(call, filter('directoryIds'));
  const accountIds = new Set(filter('accountIds'));
  const accountStatus = new Set(filter('accountStatus'));
  const membershipStatus = new Set(filter('membershipStatus'));
  const claimStatus = filter('claimStatus')[0];
  const emailDomains = new Set(filter('emailDomains').map((d) => d.toLowerCase()));
  const emails = new Set(filter('emails').map((e) => e.toLowerCase()));
  const term = filter('searchTerm')[0]?.toLowerCase();
  const groupIds = filter('groupIds');
  const out: { user: User; directoryId: string }[] = [];
  for (const user of state.tenant.users) {
    // App and customer (JSM portal) accounts are not directory members.
    if (user.accountType !== 'atlassian') continue;
    const dir = directoryOfUser(state, user);
    if (!dir || !directories.has(dir.directoryId)) continue;
    if (accountIds.size > 0 && !accountIds.has(user.accountId)) continue;
    if (accountStatus.size > 0 && !accountStatus.has(user.accountStatus)) continue;
    if (membershipStatus.size > 0 && !membershipStatus.has(user.membershipStatus)) continue;
    if (claimStatus && user.claimStatus !== claimStatus) continue;
    if (emailDomains.size > 0 && !emailDomains.has(user.email.split('@')[1]?.toLowerCase() ?? '')) continue;
    if (emails.size > 0 && !emails.has(user.email.toLowerCase())) continue;
    if (term && !`${user.name} ${user.nickname} ${user.email}`.toLowerCase().includes(term)) continue;
    if (groupIds.length > 0) {
      const mine = state.groupIdsByUser.get(user.accountId) ?? [];
      if (!groupIds.some((g) => mine.includes(g))) continue;
    }
    out.push({ user, directoryId: dir.directoryId });
  }
  return out;
}

/**
 * The search's user: the list's fields without the expandable ones, which come only when `expand`
 * names them (jira.js `MultiDirectoryUserSearchRequest.expand`): `platformRoles`,
 * `counts.resources`, `productAccess` (last active per product) and `groups`.
 */
function renderSearchedUser(
  call: Call,
  orgId: string,
  directoryId: string,
  user: User,
  expand: ReadonlySet<string>,
) {
  const { platformRoles, counts, ...base } = renderUser(call.ctx, orgId, directoryId, user);
  const groups = call.ctx.state.groupIdsByUser.get(user.accountId) ?? [];
  return {
    ...base,
    ...(expand.has('platformRoles') ? { platformRoles } : {}),
    ...(expand.has('counts.resources') ? { counts } : {}),
    ...(expand.has('productAccess')
      ? {
          productAccess: user.productAccess.map((a) => ({
            key: a.product,
            id: `ari:cloud:${a.product}::site/${a.siteId}`,
            ...(a.lastActive ? { lastActiveTimestamp: a.lastActive } : {}),
          })),
        }
      : {}),
    ...(expand.has('groups')
      ? {
          groups: groups.flatMap((id) => {
            const g = call.ctx.state.tenant.groups.find((x) => x.id === id);
            return g ? [{ id: g.id, name: g.name, description: g.description }] : [];
          }),
        }
      : {}),
  };
}

export function directoryUserRoutes(r: Registrar): void {
  serveAdmin(r, 'admin.directory.users.list', (call) => {
    const orgId = call.ctx.state.tenant.org.id;
    const page = v2Page(
      call,
      matchingUsers(call, queryFilters(call)),
      ({ user, directoryId }) => renderUser(call.ctx, orgId, directoryId, user),
      queryString(call.query, 'cursor'),
      adminLimit(call),
    );
    return { data: page.data, links: page.links };
  });

  // POST …/users/search: the list's replacement (the list stops working after June 30, 2027).
  // Filters, `cursor`, `limit` and `expand` travel in the body; `searchTerm` and `emails` are
  // mutually exclusive (400). https://developer.atlassian.com/cloud/admin/organization/rest/api-group-users/
  serveAdmin(r, 'admin.directory.users.search', (call) => {
    const body = searchBody(call.body);
    const filter = bodyFilters(body);
    if (filter('searchTerm').length > 0 && filter('emails').length > 0) {
      throw new SimError(400, 'searchTerm and emails cannot be used together.', { code: 'ADMIN-400-4' });
    }
    const orgId = call.ctx.state.tenant.org.id;
    const expand = new Set(filter('expand'));
    const page = v2Page(
      call,
      matchingUsers(call, filter),
      ({ user, directoryId }) => renderSearchedUser(call, orgId, directoryId, user, expand),
      filter('cursor')[0],
      adminLimit(call, body.limit ?? call.endpoint.pageSize?.default),
    );
    return { data: page.data, links: page.links };
  });
}
