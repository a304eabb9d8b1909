import { bitbucketWorkspace, type SiteRef } from '../../atlassian/api.ts';
import type { Dataset } from '../../inventory/datasets/index.ts';
import { bitbucketRepositories, type RecordOf } from '../../inventory/datasets/index.ts';
import type { CollectedItem, CollectorContext, CollectorPage } from '../collector.ts';
import { decodePosition, encodePosition } from './checkpoint.ts';
import { isNotFound, isUnusable, recordsOf, requireSite } from './context.ts';
import { mapLimit } from './map-limit.ts';

// What the Bitbucket collectors share: the workspace of the site (its slug is `{workspace}` in
// every path), and the walk over repositories for what Bitbucket lists per repository only
// (branch restrictions, access keys, webhooks, variables: no workspace-wide read exists). Those
// read the repositories this run stored (`bitbucket.repositories`), a batch at a time, each batch
// one stored page whose checkpoint is the next repository's index, so a resumed sync skips the
// repositories already read. A repository deleted between the listing and its read (404), or
// whose answer is unusable, is skipped.

export type Repository = RecordOf<typeof bitbucketRepositories>;

export interface BitbucketScope {
  site: SiteRef;
  workspace: string;
}

export function bitbucketScope(ctx: CollectorContext, dataset: string): BitbucketScope {
  const site = requireSite(ctx, dataset);
  return { site, workspace: bitbucketWorkspace(site) };
}

/** `acme/api` → `api`: the `{repo_slug}` of a repository's `full_name`. */
export function repoSlug(repository: Repository): string {
  return repository.slug || (repository.fullName.split('/')[1] ?? repository.fullName);
}

export interface PerRepositoryOptions {
  batchSize?: number;
  concurrency?: number;
}

/** Reads each stored repository with `read`, yielding one page per batch of repositories. */
export async function* perRepository<T>(
  ctx: CollectorContext,
  dataset: Dataset<T>,
  options: PerRepositoryOptions,
  read: (repository: Repository, scope: BitbucketScope) => Promise<CollectedItem[]>,
): AsyncGenerator<CollectorPage> {
  const scope = bitbucketScope(ctx, dataset.name);
  const repositories = (await recordsOf(ctx, bitbucketRepositories)).sort((a, b) =>
    a.fullName.localeCompare(b.fullName),
  );
  const batchSize = options.batchSize ?? 20;
  let index = decodePosition(dataset.name, ctx.resumeFrom).parent;
  if (index >= repositories.length) {
    yield { items: [], checkpoint: null };
    return;
  }
  while (index < repositories.length) {
    const batch = repositories.slice(index, index + batchSize);
    const read_ = await mapLimit(batch, options.concurrency ?? 6, async (repository) => {
      try {
        return await read(repository, scope);
      } catch (error) {
        if (isNotFound(error) || isUnusable(error)) return [];
        throw error;
      }
    });
    index += batch.length;
    yield {
      items: read_.flat(),
      checkpoint: index < repositories.length ? encodePosition({ parent: index, next: null }) : null,
    };
  }
}

/** The scheme and host (with a port when given) of a URL; null parts when it does not parse. */
export function urlTarget(url: string): { scheme: string; host: string } {
  try {
    const u = new URL(url);
    return { scheme: u.protocol.replace(/:$/, '').toLowerCase(), host: u.host.toLowerCase() };
  } catch {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? '';
    return { scheme, host: '' };
  }
}
