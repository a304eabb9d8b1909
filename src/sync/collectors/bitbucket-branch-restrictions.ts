import type { SiteRef } from '../../atlassian/api.ts';
import { bitbucketBranchRestrictions, bitbucketRepositories } from '../../inventory/datasets/index.ts';
import { type CollectedItem, type Collector, type CollectorContext, defineCollector } from '../collector.ts';
import { type PerRepositoryOptions, perRepository, type Repository, repoSlug } from './bitbucket-support.ts';
import { isForbidden, isNotFound } from './context.ts';
import { toItem } from './normalize.ts';
import { arr, bool, num, obj, str } from './values.ts';
import { collectAll } from './walk.ts';

// Branch restrictions (branch permissions and merge checks) of every repository: Bitbucket lists
// them per repository only, so one walk per repository (most fit one page of 100). Whether each
// applies to the main branch is decided here, once: a `glob` pattern is matched against the main
// branch's name; a `branching_model` restriction names a branch type, so the repository's
// branching model is read (one more call, only for repositories that have such a restriction)
// to learn which types the main branch has.
// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-branch-restrictions/
// https://support.atlassian.com/bitbucket-cloud/docs/use-glob-patterns-on-the-branch-permissions-page/

/** Bitbucket's branch glob: `*` is any run of characters, `/` included; everything else literal. */
export function globMatches(pattern: string, branch: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(branch);
}

/** The branch types the repository's branching model gives its main branch; null when unreadable. */
async function mainBranchTypes(
  ctx: CollectorContext,
  site: SiteRef,
  workspace: string,
  repository: Repository,
): Promise<Set<string> | null> {
  const main = repository.mainBranch;
  if (main === null) return null;
  let model: Awaited<ReturnType<typeof ctx.api.call<'bitbucket.branchingModel.get'>>>;
  try {
    model = await ctx.api.call('bitbucket.branchingModel.get', {
      site,
      params: { workspace, repo_slug: repoSlug(repository) },
    });
  } catch (error) {
    if (isNotFound(error) || isForbidden(error)) return null;
    throw error;
  }
  const types = new Set<string>();
  for (const type of ['development', 'production'] as const) {
    const target = obj(obj(model)[type]);
    if (bool(target.use_mainbranch) === true || str(target.name) === main) types.add(type);
  }
  return types;
}

export function bitbucketBranchRestrictionsCollector(options: PerRepositoryOptions = {}): Collector {
  return defineCollector({
    dataset: bitbucketBranchRestrictions,
    dependsOn: [bitbucketRepositories],
    // One walk per repository (a page of 100 holds any repository's rules), and one branching
    // model per repository with a restriction matched by branch type.
    cost: ({ records, recordsOf }) =>
      recordsOf(bitbucketRepositories).length +
      new Set(records.filter((r) => r.branchMatchKind === 'branching_model').map((r) => r.repository)).size,
    collect: (ctx) =>
      perRepository(ctx, bitbucketBranchRestrictions, options, async (repository, { site, workspace }) => {
        const params = { workspace, repo_slug: repoSlug(repository) };
        const raws = await collectAll(ctx, 'bitbucket.branchRestrictions.list', { site, params });
        const byModel = raws.some((r) => str(r.branch_match_kind) === 'branching_model');
        const types = byModel ? await mainBranchTypes(ctx, site, workspace, repository) : null;
        return raws.flatMap((r): CollectedItem[] => {
          const id = num(r.id);
          if (id === null) return [];
          const matchKind = str(r.branch_match_kind) ?? 'glob';
          const pattern = str(r.pattern) ?? '';
          const branchType = str(r.branch_type);
          const main = repository.mainBranch;
          const applies =
            main === null
              ? null
              : matchKind === 'branching_model'
                ? types === null || branchType === null
                  ? null
                  : types.has(branchType)
                : globMatches(pattern, main);
          return [
            toItem(bitbucketBranchRestrictions, {
              id,
              repository: repository.fullName,
              kind: r.kind,
              branchMatchKind: matchKind,
              branchType,
              pattern,
              value: num(r.value),
              userCount: arr(r.users).length,
              groupCount: arr(r.groups).length,
              appliesToMainBranch: applies,
            }),
          ];
        });
      }),
  });
}

export const collector = bitbucketBranchRestrictionsCollector();
