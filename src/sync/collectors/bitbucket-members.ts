import { bitbucketMembers } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { bitbucketScope } from './bitbucket-support.ts';
import { toItem } from './normalize.ts';
import { bool, isoTime, str } from './values.ts';
import { walk } from './walk.ts';

// Members with their workspace permission: `GET /workspaces/{workspace}/permissions`, 100 per
// page. (`/members` lists the same people without the permission.) `last_accessed` and
// `added_on` disappear once the workspace is administered at admin.atlassian.com: null then.
// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-workspaces/#api-workspaces-workspace-permissions-get
export const collector = defineCollector({
  dataset: bitbucketMembers,
  cost: ({ records, pages }) => pages('bitbucket.workspacePermissions.list', records.length),
  async *collect(ctx) {
    const { site, workspace } = bitbucketScope(ctx, bitbucketMembers.name);
    yield* walk(ctx, 'bitbucket.workspacePermissions.list', { site, params: { workspace } }, (memberships) =>
      memberships.map((m) =>
        toItem(bitbucketMembers, {
          userUuid: m.user.uuid,
          accountId: str(m.user.account_id),
          displayName: str(m.user.display_name) ?? str(m.user.nickname) ?? m.user.uuid,
          permission: str(m.permission) ?? 'member',
          lastAccessed: isoTime(m.last_accessed),
          addedOn: isoTime(m.added_on),
          has2faEnabled: bool(m.user.has_2fa_enabled),
        }),
      ),
    );
  },
});
