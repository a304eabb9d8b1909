import { bitbucketProjects } from '../../inventory/datasets/index.ts';
import { defineCollector } from '../collector.ts';
import { bitbucketScope } from './bitbucket-support.ts';
import { toItem } from './normalize.ts';
import { bool, isoTime, str } from './values.ts';
import { walk } from './walk.ts';

// Projects, 100 per page. https://developer.atlassian.com/cloud/bitbucket/rest/api-group-projects/
export const collector = defineCollector({
  dataset: bitbucketProjects,
  cost: ({ records, pages }) => pages('bitbucket.projects.list', records.length),
  async *collect(ctx) {
    const { site, workspace } = bitbucketScope(ctx, bitbucketProjects.name);
    yield* walk(ctx, 'bitbucket.projects.list', { site, params: { workspace } }, (projects) =>
      projects.map((p) =>
        toItem(bitbucketProjects, {
          uuid: p.uuid,
          key: p.key,
          name: str(p.name) ?? p.key,
          // Not said: read as public, so a check looks rather than passes.
          isPrivate: bool(p.is_private) ?? false,
          hasPubliclyVisibleRepos: bool(p.has_publicly_visible_repos),
          createdOn: isoTime(p.created_on),
          updatedOn: isoTime(p.updated_on),
        }),
      ),
    );
  },
});
