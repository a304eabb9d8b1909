import { bitbucketWorkspace } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { bitbucketScope } from './bitbucket-support.ts';
import { toItem } from './normalize.ts';
import { bool, isoTime, str } from './values.ts';

// The workspace itself: one call (https://developer.atlassian.com/cloud/bitbucket/rest/api-group-workspaces/#api-workspaces-workspace-get).
export const collector = defineCollector({
  dataset: bitbucketWorkspace,
  cost: () => 1,
  async *collect(ctx) {
    const { site, workspace } = bitbucketScope(ctx, bitbucketWorkspace.name);
    const ws = await ctx.api.call('bitbucket.workspace.get', { site, params: { workspace } });
    yield {
      items: [
        toItem(bitbucketWorkspace, {
          uuid: ws.uuid,
          slug: ws.slug,
          name: str(ws.name) ?? ws.slug,
          // A workspace that does not say is treated as public: the check then looks, not passes.
          isPrivate: bool(ws.is_private) ?? false,
          isPrivacyEnforced: bool(ws.is_privacy_enforced),
          forkingMode: str(ws.forking_mode),
          createdOn: isoTime(ws.created_on),
          updatedOn: isoTime(ws.updated_on),
        }),
      ],
      checkpoint: null,
    };
  },
});
