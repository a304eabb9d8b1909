import { bitbucketRepositories, bitbucketWebhooks } from '../../inventory/datasets/index.ts';
import { type CollectedItem, type Collector, defineCollector } from '../collector.ts';
import {
  bitbucketScope,
  type PerRepositoryOptions,
  perRepository,
  repoSlug,
  urlTarget,
} from './bitbucket-support.ts';
import { toItem } from './normalize.ts';
import { arr, bool, isoTime, str } from './values.ts';
import { collectAll } from './walk.ts';

// Webhooks of the workspace and of every repository (Bitbucket lists repository webhooks per
// repository only). Only where a webhook delivers is kept — its URL's scheme and host — never
// its path or query, which often carry a token (Slack's `hooks.slack.com/services/…/<secret>`);
// the secret itself Bitbucket never sends, only `secret_set`. `skip_cert_verification` is sent
// beside the documented fields (the UI's "Skip certificate verification").
// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-webhooks/

function record(
  raw: { uuid: string; url: string } & Record<string, unknown>,
  repository: string | null,
): CollectedItem {
  const target = urlTarget(raw.url);
  return toItem(bitbucketWebhooks, {
    uuid: raw.uuid,
    level: repository === null ? 'workspace' : 'repository',
    repository,
    description: str(raw.description),
    urlScheme: target.scheme,
    urlHost: target.host,
    // Not said: read as active, so a check looks rather than passes.
    active: bool(raw.active) ?? true,
    events: arr(raw.events).filter((e): e is string => typeof e === 'string'),
    signed: bool(raw.secret_set),
    skipCertVerification: bool(raw.skip_cert_verification),
    createdAt: isoTime(raw.created_at),
  });
}

export function bitbucketWebhooksCollector(options: PerRepositoryOptions = {}): Collector {
  return defineCollector({
    dataset: bitbucketWebhooks,
    dependsOn: [bitbucketRepositories],
    // The workspace's list, and one walk per repository (a page of 100 holds any one's hooks).
    cost: ({ recordsOf }) => 1 + recordsOf(bitbucketRepositories).length,
    async *collect(ctx) {
      const { site, workspace } = bitbucketScope(ctx, bitbucketWebhooks.name);
      let first = true;
      for await (const page of perRepository(ctx, bitbucketWebhooks, options, async (repository) => {
        const raws = await collectAll(ctx, 'bitbucket.repositoryHooks.list', {
          site,
          params: { workspace, repo_slug: repoSlug(repository) },
        });
        return raws.map((raw) => record(raw, repository.fullName));
      })) {
        // The workspace's webhooks ride with the first page of a fresh (not resumed) walk.
        if (first && ctx.resumeFrom === null) {
          const raws = await collectAll(ctx, 'bitbucket.workspaceHooks.list', {
            site,
            params: { workspace },
          });
          page.items.unshift(...raws.map((raw) => record(raw, null)));
        }
        first = false;
        yield page;
      }
    },
  });
}

export const collector = bitbucketWebhooksCollector();
