import { bitbucketRepositories } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { bitbucketScope } from './bitbucket-support.ts';
import { toItem } from './normalize.ts';
import { bool, isoTime, obj, str } from './values.ts';
import { walk } from './walk.ts';

// Every repository of the workspace, 100 per page: `GET /repositories/{workspace}` (without
// `role`, every repository the credential can see; an owner or a workspace token sees all).
// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-repositories/#api-repositories-workspace-get
export const collector = defineCollector({
  dataset: bitbucketRepositories,
  cost: ({ records, pages }) => pages('bitbucket.repositories.list', records.length),
  async *collect(ctx) {
    const { site, workspace } = bitbucketScope(ctx, bitbucketRepositories.name);
    yield* walk(ctx, 'bitbucket.repositories.list', { site, params: { workspace } }, (repositories) =>
      repositories.map((r) => {
        const slug = str(r.slug) ?? r.full_name.split('/')[1] ?? r.full_name;
        return toItem(bitbucketRepositories, {
          uuid: r.uuid,
          fullName: r.full_name,
          slug,
          name: str(r.name) ?? slug,
          // Not said: read as public, so a check looks rather than passes.
          isPrivate: bool(r.is_private) ?? false,
          forkPolicy: str(r.fork_policy),
          mainBranch: str(obj(r.mainbranch).name),
          projectKey: str(obj(r.project).key),
          parent: str(obj(r.parent).full_name),
          createdOn: isoTime(r.created_on),
          updatedOn: isoTime(r.updated_on),
        });
      }),
    );
  },
});
