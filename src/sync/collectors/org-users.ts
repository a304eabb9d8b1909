import { orgUsers } from '../../inventory/datasets/index.ts';
import type { Collector } from '../collector.ts';
import { requireOrgId } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, bool, emailDomain, isoTime, num, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Admin API v2 directory users, every directory at once (`-`), 500 per page: one walk gives 2SV,
// platform roles, claim status and last activity for managed and unmanaged accounts alike. The v1
// `/users` list (managed accounts only, 100 per page) would add per-product last-active dates at
// 5x the calls and misses exactly the external accounts the checks look for, so it is not read.

export function orgUsersCollector(): Collector {
  return {
    dataset: orgUsers.name,
    scope: 'org',
    kind: 'snapshot',
    credential: 'org',
    endpoints: ['admin.directory.users.list'],
    async *collect(ctx) {
      const orgId = requireOrgId(ctx, orgUsers.name);
      yield* walk<unknown>(
        ctx,
        'admin.directory.users.list',
        { params: { orgId, directoryId: '-' } },
        (raws) =>
          raws.map((raw) => {
            const u = obj(raw);
            return toItem(orgUsers, {
              accountId: str(u.accountId),
              accountType: str(u.accountType) ?? 'atlassian',
              accountStatus: str(u.accountStatus) ?? 'active',
              membershipStatus: str(u.membershipStatus),
              status: str(u.status),
              name: str(u.name) ?? str(u.nickname) ?? '',
              emailDomain: emailDomain(u.email),
              emailVerified: bool(u.emailVerified),
              claimStatus: str(u.claimStatus),
              managementSource: str(u.managementSource),
              platformRoles: arr(u.platformRoles).filter((r): r is string => typeof r === 'string'),
              mfaEnabled: bool(u.mfaEnabled),
              addedToOrg: isoTime(u.addedToOrg),
              lastActive: isoTime(u.lastActive),
              productAccessCount: num(obj(u.counts).resources),
            });
          }),
      );
    },
  };
}
