import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { SiteFacts, SnapshotView } from '../../snapshot-view.ts';
import { TEST_NOW, type TestSnapshotInput, testSnapshot } from '../../testing/test-snapshot.ts';

// Records for the Bitbucket rule tests: the `acme` workspace (its connection's one site, plan
// unknown as the Bitbucket API leaves it) and builders whose defaults are the secure setting.

export const TEST_WORKSPACE: SiteFacts = {
  cloudId: 'bb-acme',
  name: 'acme',
  url: 'https://bitbucket.org/acme',
  products: { bitbucket: null },
  hasCredential: true,
};

/** A snapshot of the `acme` workspace alone, its datasets `ok` unless `outcomes` says otherwise. */
export function workspaceSnapshot(input: Omit<TestSnapshotInput, 'sites'> = {}): SnapshotView {
  return testSnapshot({ ...input, sites: [TEST_WORKSPACE] });
}

export function daysAgo(days: number): string {
  return new Date(TEST_NOW.getTime() - days * 86_400_000).toISOString();
}

type Repo = DatasetRecord<'bitbucket.repositories'>;
type Restriction = DatasetRecord<'bitbucket.branch-restrictions'>;
type Member = DatasetRecord<'bitbucket.members'>;
type Webhook = DatasetRecord<'bitbucket.webhooks'>;
type DeployKey = DatasetRecord<'bitbucket.deploy-keys'>;
type Variable = DatasetRecord<'bitbucket.pipeline-variables'>;
type Workspace = DatasetRecord<'bitbucket.workspace'>;

/** A private repository `acme/<slug>` with main branch `main`, changed a week ago. */
export function repo(slug: string, fields: Partial<Repo> = {}): Repo {
  return {
    uuid: `{repo-${slug}}`,
    fullName: `acme/${slug}`,
    slug,
    name: slug,
    isPrivate: true,
    forkPolicy: 'no_forks',
    mainBranch: 'main',
    projectKey: 'CORE',
    parent: null,
    createdOn: daysAgo(900),
    updatedOn: daysAgo(7),
    ...fields,
  };
}

let restrictionId = 0;

/** A restriction of `kind` on `acme/<slug>`'s main branch (glob `main`). */
export function restriction(slug: string, kind: string, fields: Partial<Restriction> = {}): Restriction {
  restrictionId += 1;
  return {
    id: restrictionId,
    repository: `acme/${slug}`,
    kind,
    branchMatchKind: 'glob',
    branchType: null,
    pattern: 'main',
    value: null,
    userCount: 0,
    groupCount: 1,
    appliesToMainBranch: true,
    ...fields,
  };
}

/** A snapshot of `acme`'s repositories and their branch restrictions, both read whole. */
export function branchesSnapshot(repos: Repo[], restrictions: Restriction[]): SnapshotView {
  return workspaceSnapshot({
    datasets: { 'bitbucket.repositories': repos, 'bitbucket.branch-restrictions': restrictions },
  });
}

/** A restriction on the Development branch type instead of a name (its reach is `appliesToMainBranch`). */
export const BY_BRANCH_TYPE: Partial<Restriction> = {
  branchMatchKind: 'branching_model',
  branchType: 'development',
  pattern: '',
};

/** A member with 2SV on, active yesterday. */
export function member(name: string, permission: string, fields: Partial<Member> = {}): Member {
  const id = name.toLowerCase();
  return {
    userUuid: `{user-${id}}`,
    accountId: `acc-${id}`,
    displayName: name,
    permission,
    lastAccessed: daysAgo(1),
    addedOn: daysAgo(400),
    has2faEnabled: true,
    ...fields,
  };
}

/** An active, signed HTTPS repository webhook of `acme/api` that verifies certificates. */
export function webhook(id: string, host: string, fields: Partial<Webhook> = {}): Webhook {
  return {
    uuid: `{hook-${id}}`,
    level: 'repository',
    repository: 'acme/api',
    description: id,
    urlScheme: 'https',
    urlHost: host,
    active: true,
    events: ['repo:push'],
    signed: true,
    skipCertVerification: false,
    createdAt: daysAgo(30),
    ...fields,
  };
}

/** An access key of `acme/api`, added 30 days ago and used yesterday. */
export function deployKey(id: string, fields: Partial<DeployKey> = {}): DeployKey {
  return {
    id,
    level: 'repository',
    repository: 'acme/api',
    projectKey: null,
    label: id,
    algorithm: 'ssh-ed25519',
    addedOn: daysAgo(30),
    lastUsed: daysAgo(1),
    ...fields,
  };
}

/** A secured repository variable of `acme/api`. */
export function variable(key: string, fields: Partial<Variable> = {}): Variable {
  return {
    uuid: `{var-${key.toLowerCase()}}`,
    level: 'repository',
    repository: 'acme/api',
    environment: null,
    key,
    secured: true,
    ...fields,
  };
}

/** The private `acme` workspace that keeps forks inside it. */
export function workspace(fields: Partial<Workspace> = {}): Workspace {
  return {
    uuid: '{ws-acme}',
    slug: 'acme',
    name: 'Acme',
    isPrivate: true,
    isPrivacyEnforced: false,
    forkingMode: 'internal_only',
    createdOn: daysAgo(2000),
    updatedOn: daysAgo(10),
    ...fields,
  };
}
