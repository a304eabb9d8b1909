import {
  bitbucketDeployKeys,
  bitbucketProjects,
  bitbucketRepositories,
  type RecordOf,
} from '../../inventory/datasets/index.ts';
import { type CollectedItem, type Collector, defineCollector } from '../collector.ts';
import { bitbucketScope, type PerRepositoryOptions, perRepository, repoSlug } from './bitbucket-support.ts';
import { isNotFound, isUnusable, recordsOf } from './context.ts';
import { toItem } from './normalize.ts';
import { isoTime, str } from './values.ts';
import { collectAll } from './walk.ts';

// Access (deploy) keys of every repository and every project: Bitbucket lists them per
// repository and per project only. The project keys come first, in the first stored page; then a
// page per batch of repositories. Only the key's algorithm is kept, never the key itself.
// Bitbucket Cloud access keys are read-only (https://support.atlassian.com/bitbucket-cloud/docs/add-access-keys/).
// The spec does not declare a key's `id`, which Bitbucket sends: a key without one is left out.
// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-deployments/#api-repositories-workspace-repo-slug-deploy-keys-get

type Project = RecordOf<typeof bitbucketProjects>;

/** `ssh-ed25519 AAAA… comment` → `ssh-ed25519`. */
export function keyAlgorithm(key: unknown): string | null {
  const first = typeof key === 'string' ? key.trim().split(/\s+/)[0] : undefined;
  return first && /^(ssh|ecdsa|sk)-[a-z0-9@.-]+$/i.test(first) ? first : null;
}

function record(
  raw: Record<string, unknown>,
  at: { repository: string } | { projectKey: string },
): CollectedItem[] {
  const id = str(raw.id);
  if (id === null) return [];
  return [
    toItem(bitbucketDeployKeys, {
      id,
      level: 'repository' in at ? 'repository' : 'project',
      repository: 'repository' in at ? at.repository : null,
      projectKey: 'projectKey' in at ? at.projectKey : null,
      label: str(raw.label) ?? '',
      algorithm: keyAlgorithm(raw.key),
      addedOn: isoTime(raw.added_on),
      lastUsed: isoTime(raw.last_used),
    }),
  ];
}

export function bitbucketDeployKeysCollector(options: PerRepositoryOptions = {}): Collector {
  return defineCollector({
    dataset: bitbucketDeployKeys,
    dependsOn: [bitbucketRepositories, bitbucketProjects],
    // One walk per repository and per project (a page of 100 holds any one's keys).
    cost: ({ recordsOf }) => recordsOf(bitbucketRepositories).length + recordsOf(bitbucketProjects).length,
    async *collect(ctx) {
      const { site, workspace } = bitbucketScope(ctx, bitbucketDeployKeys.name);
      let first = true;
      const projectKeys = async (projects: Project[]) => {
        const items: CollectedItem[] = [];
        for (const project of projects) {
          try {
            const raws = await collectAll(ctx, 'bitbucket.projectDeployKeys.list', {
              site,
              params: { workspace, project_key: project.key },
            });
            items.push(...raws.flatMap((raw) => record(raw, { projectKey: project.key })));
          } catch (error) {
            if (isNotFound(error) || isUnusable(error)) continue;
            throw error;
          }
        }
        return items;
      };
      for await (const page of perRepository(ctx, bitbucketDeployKeys, options, async (repository) => {
        const raws = await collectAll(ctx, 'bitbucket.repositoryDeployKeys.list', {
          site,
          params: { workspace, repo_slug: repoSlug(repository) },
        });
        return raws.flatMap((raw) => record(raw, { repository: repository.fullName }));
      })) {
        // The project keys ride with the first page of a fresh (not resumed) walk.
        if (first && ctx.resumeFrom === null)
          page.items.unshift(...(await projectKeys(await recordsOf(ctx, bitbucketProjects))));
        first = false;
        yield page;
      }
    },
  });
}

export const collector = bitbucketDeployKeysCollector();
