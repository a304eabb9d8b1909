// The Bitbucket Cloud part of a tenant: one workspace per org (its slug the org's main site name),
// rendered by simulator/routes/bitbucket*.ts as `api.bitbucket.org/2.0` answers. Members are the
// tenant's users (by account id); Basic auth takes their Atlassian API tokens, Bearer the
// workspace's access tokens. Times are ISO-8601, relative to the tenant's `builtAt`.
// https://developer.atlassian.com/cloud/bitbucket/rest/intro/

export type BitbucketPermission = 'owner' | 'collaborator' | 'member';

export interface BitbucketMember {
  /** The tenant user (`User.accountId`). */
  accountId: string;
  /** The user's Bitbucket uuid, in braces. */
  uuid: string;
  permission: BitbucketPermission;
  addedOn: string;
  lastAccessed: string | null;
}

export interface BitbucketDeployKey {
  id: number;
  label: string;
  /** The public key line (`ssh-ed25519 AAAA… comment`). */
  key: string;
  addedOn: string;
  lastUsed: string | null;
}

export interface BitbucketWebhook {
  uuid: string;
  url: string;
  description: string;
  active: boolean;
  events: string[];
  secretSet: boolean;
  skipCertVerification: boolean;
  createdAt: string;
}

export interface BitbucketVariable {
  uuid: string;
  key: string;
  /** Served only when the variable is not secured (Bitbucket never returns a secured value). */
  value: string;
  secured: boolean;
}

export interface BitbucketEnvironment {
  uuid: string;
  name: string;
  /** `Test`, `Staging`, `Production`. */
  type: string;
  variables: BitbucketVariable[];
}

export interface BitbucketBranchRestriction {
  id: number;
  kind: string;
  branchMatchKind: 'glob' | 'branching_model';
  /** `glob`: the pattern; `branching_model`: empty. */
  pattern: string;
  branchType: string | null;
  value: number | null;
  /** Users (account ids) and group slugs the restriction names. */
  users: string[];
  groups: string[];
}

export interface BitbucketRepository {
  uuid: string;
  slug: string;
  name: string;
  projectKey: string;
  isPrivate: boolean;
  forkPolicy: 'allow_forks' | 'no_public_forks' | 'no_forks';
  /** Null: an empty repository without a main branch. */
  mainBranch: string | null;
  /** The `full_name` of the repository this one was forked from. */
  parent: string | null;
  language: string;
  createdOn: string;
  updatedOn: string;
  branchRestrictions: BitbucketBranchRestriction[];
  /** The branching model's development and production branches (`null` name: the main branch). */
  branchingModel: { development: string | null; production: string | null; productionEnabled: boolean };
  deployKeys: BitbucketDeployKey[];
  webhooks: BitbucketWebhook[];
  variables: BitbucketVariable[];
  environments: BitbucketEnvironment[];
}

export interface BitbucketProject {
  uuid: string;
  key: string;
  name: string;
  description: string;
  isPrivate: boolean;
  createdOn: string;
  updatedOn: string;
  deployKeys: BitbucketDeployKey[];
}

/** A workspace access token (`Authorization: Bearer`), with the scopes it was created with. */
export interface BitbucketAccessToken {
  id: string;
  name: string;
  secret: string;
  /** `account`, `project`, `project:admin`, `repository`, `repository:admin`, `webhook`, `pipeline`… */
  scopes: string[];
  createdOn: string;
  revoked?: boolean;
}

export interface BitbucketWorkspace {
  uuid: string;
  slug: string;
  name: string;
  isPrivate: boolean;
  isPrivacyEnforced: boolean;
  forkingMode: 'allow_forks' | 'internal_only';
  createdOn: string;
  updatedOn: string;
  members: BitbucketMember[];
  projects: BitbucketProject[];
  repositories: BitbucketRepository[];
  webhooks: BitbucketWebhook[];
  variables: BitbucketVariable[];
  accessTokens: BitbucketAccessToken[];
}
