import type { SimContext } from '../core/context.ts';
import { adminLimit, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { User } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import { directoryOfUser, listParam, selectedDirectories } from './admin-directory.ts';
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

function matchingUsers(call: Call): { user: User; directoryId: string }[] {
  const state = call.ctx.state;
  const directories = selectedDirectories(call);
  const q = call.query;
  const accountIds = new Set(listParam(q, 'accountIds'));
  const accountStatus = new Set(listParam(q, 'accountStatus'));
  const membershipStatus = new Set(listParam(q, 'membershipStatus'));
  const claimStatus = queryString(q, 'claimStatus');
  const emailDomains = new Set(listParam(q, 'emailDomains').map((d) => d.toLowerCase()));
  const groupIds = listParam(q, 'groupIds');
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
    if (groupIds.length > 0) {
      const mine = state.groupIdsByUser.get(user.accountId) ?? [];
      if (!groupIds.some((g) => mine.includes(g))) continue;
    }
    out.push({ user, directoryId: dir.directoryId });
  }
  return out;
}

export function directoryUserRoutes(r: Registrar): void {
  serveAdmin(r, 'admin.directory.users.list', (call) => {
    const orgId = call.ctx.state.tenant.org.id;
    const page = v2Page(
      call,
      matchingUsers(call),
      ({ user, directoryId }) => renderUser(call.ctx, orgId, directoryId, user),
      queryString(call.query, 'cursor'),
      adminLimit(call),
    );
    return { data: page.data, links: page.links };
  });
}
