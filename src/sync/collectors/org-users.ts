import { orgUsers } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { walkSearchOrList } from './search-or-list.ts';
import { arr, bool, emailDomain, isoTime, num, obj, str } from './values.ts';

// Admin API v2 directory users, every directory at once (`-`), 100 per page (the most `limit`
// takes): one walk gives 2SV, platform roles, claim status and last activity for managed and
// unmanaged accounts alike. Read through `POST …/users/search` (the list's replacement; it returns
// roles, resource counts and per-product last activity only when `expand` asks), falling back to
// `GET …/users` (search-or-list.ts). The v1 `/users` list (managed accounts only) misses exactly
// the external accounts the checks look for, so it is not read.

/** What the search must expand for the fields the dataset holds. */
const EXPAND = ['platformRoles', 'counts.resources', 'productAccess'];

/** The latest of the account's last activity and its per-product ones (`productAccess[].lastActiveTimestamp`). */
function lastActive(u: { lastActive?: unknown; productAccess?: unknown }): string | null {
  const times = [u.lastActive, ...arr(u.productAccess).map((p) => obj(p).lastActiveTimestamp)]
    .map(isoTime)
    .filter((t): t is string => t !== null);
  return times.sort().at(-1) ?? null;
}

export const collector = defineCollector({
  dataset: orgUsers,
  cost: ({ records, pages }) => pages('admin.directory.users.search', records.length),
  async *collect(ctx) {
    const orgId = requireOrgId(ctx, orgUsers.name);
    const params = { orgId, directoryId: '-' };
    yield* walkSearchOrList(
      ctx,
      orgUsers.name,
      { endpoint: 'admin.directory.users.search', options: { params, body: { expand: EXPAND } } },
      { endpoint: 'admin.directory.users.list', options: { params } },
      (users) =>
        users.map((u) =>
          toItem(orgUsers, {
            accountId: u.accountId,
            accountType: str(u.accountType) ?? 'atlassian',
            accountStatus: str(u.accountStatus) ?? 'active',
            membershipStatus: str(u.membershipStatus),
            status: str(u.status),
            name: str(u.name) ?? str(u.nickname) ?? '',
            emailDomain: emailDomain(u.email),
            emailVerified: bool(u.emailVerified),
            claimStatus: str(u.claimStatus),
            managementSource: str(u.managementSource),
            platformRoles: u.platformRoles,
            mfaEnabled: bool(u.mfaEnabled),
            addedToOrg: isoTime(u.addedToOrg),
            lastActive: lastActive(u),
            productAccessCount: num(obj(u.counts).resources),
          }),
        ),
    );
  },
});
