import { fail, notApplicable, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import type { RuleContext } from '../../rule.ts';
import {
  type BranchRestriction,
  mainBranchCoverage,
  type Repository,
  repositoryResource,
  restrictionEvidence,
  restrictionsByRepository,
} from './workspace.ts';

// The rules on what the branch restrictions of each repository's main branch demand (direct pushes,
// force pushes, deletion, approvals, merge checks): what they declare alike, and one result per
// repository with the same treatment of empty repositories and of restrictions whose reach could
// not be read, worded per rule.

/** The scope, resource and datasets of every rule on a main branch's restrictions. */
export const MAIN_BRANCH_RULE = {
  area: 'bitbucket',
  scope: 'site',
  resourceType: 'repository',
  requires: ['bitbucket.repositories', 'bitbucket.branch-restrictions'],
  plan: 'any',
  credential: 'site-admin',
} as const;

type MainBranchDatasets = (typeof MAIN_BRANCH_RULE.requires)[number];

/** The remediation steps these rules share: where restrictions are edited, how the API adds one. */
export const BRANCH_STEPS = {
  open: 'In Bitbucket, open the repository and select Repository settings → Branch restrictions.',
  post: 'POST https://api.bitbucket.org/2.0/repositories/{workspace}/{repo_slug}/branch-restrictions',
  /** The API step adding a restriction of `kind` on the main branch by name, with its other fields. */
  add(kind: string, fields: Record<string, unknown> = {}): string {
    const more = Object.entries(fields).map(([k, v]) => `, "${k}": ${JSON.stringify(v)}`);
    return `${this.post} with {"kind": "${kind}", "branch_match_kind": "glob", "pattern": "<main branch>"${more.join('')}}.`;
  },
};

export const BRANCH_DOCS = {
  permissions: {
    title: 'Use branch permissions',
    url: 'https://support.atlassian.com/bitbucket-cloud/docs/use-branch-permissions/',
  },
  mergeChecks: {
    title: 'Suggest or require checks before a merge',
    url: 'https://support.atlassian.com/bitbucket-cloud/docs/suggest-or-require-checks-before-a-merge/',
  },
  api: {
    title: 'Bitbucket Cloud REST API: branch restrictions',
    url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-branch-restrictions/',
  },
};

export interface MainBranchTexts {
  /** What the restriction achieves, e.g. "force pushes are blocked". */
  met: string;
  /** What is missing, e.g. "anyone with write access can force-push (no `force` restriction)". */
  unmet: string;
}

export function judgeMainBranches(
  ctx: Pick<RuleContext<MainBranchDatasets>, 'items'>,
  kind: string,
  texts: MainBranchTexts,
  accept?: (r: BranchRestriction) => boolean,
): RuleOutcome[] {
  const byRepo = restrictionsByRepository(ctx.items('bitbucket.branch-restrictions'));
  return ctx.items('bitbucket.repositories').map((repo: Repository) => {
    const resource = repositoryResource(repo);
    const coverage = mainBranchCoverage(repo, byRepo.get(repo.fullName) ?? [], kind, accept);
    const evidence = {
      mainBranch: repo.mainBranch,
      restrictions: restrictionEvidence(coverage.restrictions),
    };
    const branch = `${repo.fullName}:${repo.mainBranch ?? ''}`;
    switch (coverage.status) {
      case 'no-branch':
        return notApplicable(resource, `${repo.fullName} is empty: it has no main branch yet.`, evidence);
      case 'undecided':
        return unknown(
          resource,
          `${repo.fullName} has a \`${kind}\` restriction by branch type, but its branching model could not be read to tell whether it covers ${repo.mainBranch}.`,
          evidence,
        );
      case 'met':
        return pass(resource, `On ${branch}, ${texts.met}.`, evidence);
      case 'unmet':
        return fail(resource, `On ${branch}, ${texts.unmet}.`, evidence);
    }
    return coverage satisfies never;
  });
}
