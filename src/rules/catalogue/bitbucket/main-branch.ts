import { fail, notApplicable, pass, type RuleOutcome, unknown } from '../../outcome.ts';
import {
  type BranchRestriction,
  mainBranchCoverage,
  type Repository,
  repositoryResource,
  restrictionEvidence,
  restrictionsByRepository,
} from './workspace.ts';

// One result per repository for the rules that ask "does a branch restriction of this kind cover
// the main branch?" (direct pushes, force pushes, deletion, approvals): the same treatment of
// empty repositories and of restrictions whose reach could not be read, worded per rule.

export interface MainBranchTexts {
  /** What the restriction achieves, e.g. "force pushes are blocked". */
  met: string;
  /** What is missing, e.g. "anyone with write access can force-push (no `force` restriction)". */
  unmet: string;
}

export function judgeMainBranches(
  repositories: readonly Repository[],
  restrictions: readonly BranchRestriction[],
  kind: string,
  texts: MainBranchTexts,
  accept?: (r: BranchRestriction) => boolean,
): RuleOutcome[] {
  const byRepo = restrictionsByRepository(restrictions);
  return repositories.map((repo) => {
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
