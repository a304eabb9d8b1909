import { bitbucketPipelineVariables, bitbucketRepositories } from '../../inventory/datasets/index.ts';
import { type CollectedItem, type Collector, defineCollector } from '../collector.ts';
import { bitbucketScope, type PerRepositoryOptions, perRepository, repoSlug } from './bitbucket-support.ts';
import { isNotFound } from './context.ts';
import { toItem } from './normalize.ts';
import { bool, str } from './values.ts';
import { collectAll } from './walk.ts';

// Pipelines variables of the workspace, of every repository and of every deployment environment
// (Bitbucket lists them per level: the workspace once, each repository, each environment of each
// repository). Only the name and whether it is secured are kept: never a value, secured or not
// (Bitbucket returns unsecured values in clear, which is the very risk the checks look for).
// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pipelines/#api-workspaces-workspace-pipelines-config-variables-get

interface Level {
  level: 'workspace' | 'repository' | 'deployment';
  repository: string | null;
  environment: string | null;
}

function record(raw: { uuid: string; key: string } & Record<string, unknown>, at: Level): CollectedItem {
  // Not said: read as unsecured, so a check looks rather than passes.
  return toItem(bitbucketPipelineVariables, {
    uuid: raw.uuid,
    key: raw.key,
    secured: bool(raw.secured) ?? false,
    ...at,
  });
}

export function bitbucketPipelineVariablesCollector(options: PerRepositoryOptions = {}): Collector {
  return defineCollector({
    dataset: bitbucketPipelineVariables,
    dependsOn: [bitbucketRepositories],
    // The workspace's list; per repository its variables and environments; per environment its
    // variables (the records show environments only through their variables: at least that many).
    cost: ({ records, recordsOf }) =>
      1 +
      2 * recordsOf(bitbucketRepositories).length +
      new Set(records.filter((r) => r.level === 'deployment').map((r) => `${r.repository}/${r.environment}`))
        .size,
    async *collect(ctx) {
      const { site, workspace } = bitbucketScope(ctx, bitbucketPipelineVariables.name);
      let first = true;
      const pages = perRepository(ctx, bitbucketPipelineVariables, options, async (repository) => {
        const params = { workspace, repo_slug: repoSlug(repository) };
        const at = { repository: repository.fullName, environment: null };
        const own = await collectAll(ctx, 'bitbucket.repositoryVariables.list', { site, params });
        const items = own.map((raw) => record(raw, { level: 'repository', ...at }));
        const environments = await collectAll(ctx, 'bitbucket.environments.list', { site, params });
        for (const environment of environments) {
          try {
            const raws = await collectAll(ctx, 'bitbucket.deploymentVariables.list', {
              site,
              params: { ...params, environment_uuid: environment.uuid },
            });
            const name = str(environment.name) ?? environment.uuid;
            items.push(
              ...raws.map((raw) =>
                record(raw, { level: 'deployment', repository: repository.fullName, environment: name }),
              ),
            );
          } catch (error) {
            // The environment was deleted between the two reads.
            if (!isNotFound(error)) throw error;
          }
        }
        return items;
      });
      for await (const page of pages) {
        // The workspace's variables ride with the first page of a fresh (not resumed) walk.
        if (first && ctx.resumeFrom === null) {
          const raws = await collectAll(ctx, 'bitbucket.workspaceVariables.list', {
            site,
            params: { workspace },
          });
          page.items.unshift(
            ...raws.map((raw) => record(raw, { level: 'workspace', repository: null, environment: null })),
          );
        }
        first = false;
        yield page;
      }
    },
  });
}

export const collector = bitbucketPipelineVariablesCollector();
