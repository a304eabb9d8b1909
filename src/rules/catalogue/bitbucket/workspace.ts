import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { RuleResource } from '../../outcome.ts';
import type { SiteFacts } from '../../snapshot-view.ts';

// What the Bitbucket Cloud rules agree on: how a workspace, a repository and its main branch are
// named in results, and whether a branch restriction of a kind covers a repository's main branch.
// The workspace is its connection's one site (src/inventory/datasets/bitbucket.ts), so every
// Bitbucket rule is site-scoped and `ctx.site` is the workspace.

export type Repository = DatasetRecord<'bitbucket.repositories'>;
export type BranchRestriction = DatasetRecord<'bitbucket.branch-restrictions'>;
export type Member = DatasetRecord<'bitbucket.members'>;

const DAY_MS = 86_400_000;

/** Whole days from an ISO time to `now` (negative when it lies ahead). */
export function daysSince(iso: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
}

export function workspaceResource(site: SiteFacts | undefined): RuleResource {
  return { type: 'workspace', id: site?.cloudId ?? 'workspace', name: site?.name ?? 'workspace' };
}

export function repositoryResource(repo: Repository): RuleResource {
  return { type: 'repository', id: repo.uuid, name: repo.fullName };
}

/** What the rules on workspace administrators cite: who holds which workspace permission. */
export const WORKSPACE_ACCESS_DOCS = [
  {
    title: 'Grant access to a workspace',
    url: 'https://support.atlassian.com/bitbucket-cloud/docs/grant-access-to-a-workspace/',
  },
  {
    title: 'Bitbucket Cloud REST API: workspace permissions',
    url: 'https://developer.atlassian.com/cloud/bitbucket/rest/api-group-workspaces/',
  },
];

/** Bitbucket's `owner` permission is the workspace administrator. */
export function isWorkspaceAdmin(member: Member): boolean {
  return member.permission.trim().toLowerCase() === 'owner';
}

export function memberResource(member: Member): RuleResource {
  return { type: 'user', id: member.accountId ?? member.userUuid, name: member.displayName };
}

/** How a repository's main branch stands against one requirement on its branch restrictions. */
export type MainBranchCoverage =
  /** Restrictions that apply to the main branch meet the requirement. */
  | { status: 'met'; restrictions: BranchRestriction[] }
  | { status: 'unmet'; restrictions: BranchRestriction[] }
  /** A restriction of the kind exists but whether it covers the main branch could not be read. */
  | { status: 'undecided'; restrictions: BranchRestriction[] }
  /** An empty repository: no main branch to protect. */
  | { status: 'no-branch'; restrictions: BranchRestriction[] };

/** The restrictions of each repository, by its `full_name`. */
export function restrictionsByRepository(
  restrictions: readonly BranchRestriction[],
): Map<string, BranchRestriction[]> {
  const out = new Map<string, BranchRestriction[]>();
  for (const r of restrictions) {
    const list = out.get(r.repository);
    if (list) list.push(r);
    else out.set(r.repository, [r]);
  }
  return out;
}

/**
 * Whether a restriction of `kind` (and meeting `accept`, e.g. enough approvals) applies to the
 * repository's main branch. Bitbucket decides by the restriction's glob pattern or branch type;
 * the dataset says which apply (`appliesToMainBranch`), and null there means it could not tell.
 */
export function mainBranchCoverage(
  repo: Repository,
  restrictions: readonly BranchRestriction[],
  kind: string,
  accept: (r: BranchRestriction) => boolean = () => true,
): MainBranchCoverage {
  const ofKind = restrictions.filter((r) => r.kind === kind);
  if (repo.mainBranch === null) return { status: 'no-branch', restrictions: ofKind };
  const covering = ofKind.filter((r) => r.appliesToMainBranch === true);
  const accepted = covering.filter(accept);
  if (accepted.length > 0) return { status: 'met', restrictions: accepted };
  const undecided = ofKind.filter((r) => r.appliesToMainBranch === null && accept(r));
  if (undecided.length > 0) return { status: 'undecided', restrictions: undecided };
  return { status: 'unmet', restrictions: covering };
}

/** Small evidence for the restrictions a result stands on. */
export function restrictionEvidence(restrictions: readonly BranchRestriction[]) {
  return restrictions.map((r) => ({
    id: r.id,
    kind: r.kind,
    match: r.branchMatchKind === 'branching_model' ? `type ${r.branchType ?? '?'}` : r.pattern,
    value: r.value,
  }));
}
