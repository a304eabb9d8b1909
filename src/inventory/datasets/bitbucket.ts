import { z } from 'zod';
import { defineDataset } from './dataset.ts';

// Bitbucket Cloud: one workspace per connection, read from `api.bitbucket.org/2.0` with a
// workspace access token (Bearer) or a workspace admin's e-mail and API token (Basic).
// https://developer.atlassian.com/cloud/bitbucket/rest/intro/
//
// The workspace is the connection's one "site" (product `bitbucket`): every dataset here is
// site-scoped, its scope the workspace's site id. Records say which repository or project they
// belong to by `repository` (the repository's `full_name`, `workspace/slug`) and `projectKey`.
// Dates are ISO-8601 (UTC) as Bitbucket sends them, null when it leaves them out.
//
// Never stored: a pipelines variable's value (secured or not: only its name and whether it is
// secured), a webhook's full URL (only its scheme and host — paths and queries carry tokens, e.g.
// Slack's `hooks.slack.com/services/T…/B…/<secret>`), a webhook's secret (the API never sends it;
// only whether one is set), a deploy key's key material.
//
// What the Bitbucket Cloud REST API does NOT expose (spec/bitbucket, checked against the
// official OpenAPI document), so no dataset holds it and the checks ATTEST it:
// - repository, project and workspace access tokens (no list endpoint; the UI only:
//   https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/);
// - installed apps (Connect/Forge) and OAuth consumers with their scopes (no list endpoint; the
//   `/2.0/addon` resource is the app's own, JWT only);
// - audit events (Bitbucket's audit log lives in Atlassian Guard at admin.atlassian.com, the org
//   connection's `org.events`, not in the Bitbucket API);
// - the workspace plan (Free/Standard/Premium), "require two-step verification" and IP
//   allowlisting (Premium) workspace settings.

export const bitbucketWorkspace = defineDataset({
  name: 'bitbucket.workspace',
  scope: 'site',
  kind: 'snapshot',
  product: 'bitbucket',
  holds: 'The workspace itself: its slug, uuid, name, whether it is private and its forking mode.',
  endpoints: ['bitbucket.workspace.get'],
  usedBy: ['bitbucket checks (workspace privacy, forking)', 'reports (workspace name)'],
  schema: z.object({
    /** The immutable id, in braces as Bitbucket writes it: `{a15fb181-…}`. */
    uuid: z.string(),
    slug: z.string(),
    name: z.string(),
    /** False: the workspace (its profile, its public repositories) is visible to anyone. */
    isPrivate: z.boolean(),
    /** True: the workspace forbids public content (no repository may be made public); null when not sent. */
    isPrivacyEnforced: z.boolean().nullable(),
    /** `allow_forks` | `internal_only` (open: other values are kept); null when not sent. */
    forkingMode: z.string().nullable(),
    createdOn: z.string().nullable(),
    updatedOn: z.string().nullable(),
  }),
  key: (r) => r.uuid,
});

export const bitbucketMembers = defineDataset({
  name: 'bitbucket.members',
  scope: 'site',
  kind: 'snapshot',
  product: 'bitbucket',
  holds: 'Every workspace member with their workspace permission (owner, collaborator, member).',
  endpoints: ['bitbucket.workspacePermissions.list'],
  usedBy: ['too many workspace admins (owner count)', 'dormant admins', '2-step verification'],
  schema: z.object({
    /** The user's Bitbucket uuid, in braces. */
    userUuid: z.string(),
    /** The Atlassian account id; null for accounts Bitbucket sends without one. */
    accountId: z.string().nullable(),
    displayName: z.string(),
    /**
     * `owner` (a workspace administrator), `collaborator` (deprecated by Bitbucket, still sent),
     * `member`. Open: an unknown value is kept as sent.
     * https://developer.atlassian.com/cloud/bitbucket/rest/api-group-workspaces/#api-workspaces-workspace-permissions-get
     */
    permission: z.string(),
    /**
     * When the member last used the workspace. Bitbucket stops sending it (and `addedOn`) once the
     * workspace's administration moves to admin.atlassian.com: null then, not "never".
     */
    lastAccessed: z.string().nullable(),
    addedOn: z.string().nullable(),
    /**
     * The account's 2-step verification (the user object's `has_2fa_enabled`); null when Bitbucket
     * does not say (it sends it for few accounts): a check then attests.
     */
    has2faEnabled: z.boolean().nullable(),
  }),
  key: (r) => r.userUuid,
});

export const bitbucketProjects = defineDataset({
  name: 'bitbucket.projects',
  scope: 'site',
  kind: 'snapshot',
  product: 'bitbucket',
  holds: 'Every project of the workspace: key, name, private or not, whether it holds public repositories.',
  endpoints: ['bitbucket.projects.list'],
  usedBy: ['public repositories (by project)', 'bitbucket.deploy-keys (project keys)'],
  schema: z.object({
    uuid: z.string(),
    key: z.string(),
    name: z.string(),
    /** Private projects cannot contain public repositories (Bitbucket's rule). */
    isPrivate: z.boolean(),
    /** The project holds at least one public repository; null when not sent. */
    hasPubliclyVisibleRepos: z.boolean().nullable(),
    createdOn: z.string().nullable(),
    updatedOn: z.string().nullable(),
  }),
  key: (r) => r.uuid,
});

export const bitbucketRepositories = defineDataset({
  name: 'bitbucket.repositories',
  scope: 'site',
  kind: 'snapshot',
  product: 'bitbucket',
  holds: 'Every repository of the workspace: public or private, fork policy, main branch, project, dates.',
  endpoints: ['bitbucket.repositories.list'],
  usedBy: ['public repositories', 'forks allowed', 'default branch unprotected', 'stale repositories'],
  schema: z.object({
    uuid: z.string(),
    /** `workspace/slug`: how every other Bitbucket record names its repository (`repository`). */
    fullName: z.string(),
    slug: z.string(),
    name: z.string(),
    /** False: anyone on the internet can read (and clone) the repository. */
    isPrivate: z.boolean(),
    /**
     * `allow_forks` (anyone who can read may fork, publicly), `no_public_forks` (private forks
     * only), `no_forks`. Open; null when not sent.
     */
    forkPolicy: z.string().nullable(),
    /** The main (default) branch's name; null for an empty repository without one. */
    mainBranch: z.string().nullable(),
    /** The key of the project it belongs to (every workspace repository has one); null when not sent. */
    projectKey: z.string().nullable(),
    /** The `full_name` of the repository it was forked from; null for a repository that is no fork. */
    parent: z.string().nullable(),
    createdOn: z.string().nullable(),
    /** Last change of the repository (a push, a settings change). */
    updatedOn: z.string().nullable(),
  }),
  key: (r) => r.uuid,
});

export const bitbucketBranchRestrictions = defineDataset({
  name: 'bitbucket.branch-restrictions',
  scope: 'site',
  kind: 'snapshot',
  product: 'bitbucket',
  holds:
    "Every branch restriction (branch permission, merge check) of every repository, with whether it applies to the repository's main branch.",
  endpoints: ['bitbucket.branchRestrictions.list', 'bitbucket.branchingModel.get'],
  usedBy: [
    'default branch unprotected',
    'force push allowed',
    'branch deletion allowed',
    'merges without approval',
  ],
  schema: z.object({
    /** The restriction's id (unique within its repository). */
    id: z.number().int(),
    /** The repository's `full_name`. */
    repository: z.string(),
    /**
     * What is restricted (open; Bitbucket's values as of the spec):
     * - `push`: only `users`/`groups` may push (with none listed: nobody may push directly);
     * - `force`: **prevents** force pushes (rewriting history) — a branch WITHOUT a `force`
     *   restriction allows them;
     * - `delete`: prevents deleting the branch;
     * - `restrict_merges`: only `users`/`groups` may merge pull requests into it;
     * - merge checks: `require_approvals_to_merge` (`value` = approvals), `require_default_reviewer_approvals_to_merge`,
     *   `require_passing_builds_to_merge` (`value` = builds), `require_tasks_to_be_completed`,
     *   `require_no_changes_requested`, `require_all_comments_resolved`, `enforce_merge_checks`
     *   (Premium: the checks block the merge rather than warn), `reset_pullrequest_approvals_on_change`,
     *   `smart_reset_pullrequest_approvals`, `require_commits_behind`, …
     * https://developer.atlassian.com/cloud/bitbucket/rest/api-group-branch-restrictions/
     */
    kind: z.string(),
    /** `glob` (by `pattern`) | `branching_model` (by `branchType`). */
    branchMatchKind: z.string(),
    /** `branching_model` restrictions: `production`, `development`, `feature`, `release`, `hotfix`, `bugfix`; else null. */
    branchType: z.string().nullable(),
    /** `glob` restrictions: the branch pattern (`main`, `release/*`); empty for `branching_model`. */
    pattern: z.string(),
    /** The kind's number (approvals, builds, commits behind); null for kinds without one. */
    value: z.number().nullable(),
    /** How many users and groups the restriction exempts or names (push/merge: who may). */
    userCount: z.number().int(),
    groupCount: z.number().int(),
    /**
     * Whether it applies to the repository's main branch: a `glob` pattern matched against the
     * main branch's name (`*` any characters, `/` included, as Bitbucket's patterns do); for
     * `branching_model`, whether `branchType` is a type the repository's branching model gives the
     * main branch (`development` and/or `production` when they "use the main branch" or name it);
     * null when the repository has no main branch or its branching model could not be read.
     * https://support.atlassian.com/bitbucket-cloud/docs/use-glob-patterns-on-the-branch-permissions-page/
     */
    appliesToMainBranch: z.boolean().nullable(),
  }),
  key: (r) => `${r.repository}#${r.id}`,
});

export const bitbucketDeployKeys = defineDataset({
  name: 'bitbucket.deploy-keys',
  scope: 'site',
  kind: 'snapshot',
  product: 'bitbucket',
  holds: 'Every access (deploy) key of every repository and project, with its age and last use.',
  endpoints: ['bitbucket.repositoryDeployKeys.list', 'bitbucket.projectDeployKeys.list'],
  usedBy: ['old deploy keys', 'unused deploy keys'],
  // Bitbucket Cloud access keys are read-only: "Access keys … provide read-only access"
  // (https://support.atlassian.com/bitbucket-cloud/docs/add-access-keys/); the API has no write
  // flag, so a "write-enabled deploy key" cannot exist in Bitbucket Cloud and no field says so.
  schema: z.object({
    /** The key's id (unique within its repository or project). */
    id: z.string(),
    /** `repository` or `project`: where the key was added. */
    level: z.enum(['repository', 'project']),
    /** Repository keys: the repository's `full_name`; project keys: null. */
    repository: z.string().nullable(),
    /** Project keys: the project's key; repository keys: null. */
    projectKey: z.string().nullable(),
    label: z.string(),
    /** The algorithm of the public key (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`…); null when unreadable. */
    algorithm: z.string().nullable(),
    /** When it was added (Bitbucket's `added_on`; older keys may lack it). */
    addedOn: z.string().nullable(),
    /** When it last cloned or fetched; null: never used (or not recorded). */
    lastUsed: z.string().nullable(),
  }),
  key: (r) => `${r.level}:${r.repository ?? r.projectKey ?? ''}#${r.id}`,
});

export const bitbucketWebhooks = defineDataset({
  name: 'bitbucket.webhooks',
  scope: 'site',
  kind: 'snapshot',
  product: 'bitbucket',
  holds:
    'Every webhook of the workspace and its repositories: where it sends data (scheme and host), its events, whether it is signed.',
  endpoints: ['bitbucket.workspaceHooks.list', 'bitbucket.repositoryHooks.list'],
  usedBy: ['webhooks to non-HTTPS URLs', 'webhooks to unknown hosts', 'webhooks without signing secret'],
  schema: z.object({
    /** The webhook's uuid, in braces. */
    uuid: z.string(),
    /** `workspace` | `repository`: where it is defined. */
    level: z.enum(['workspace', 'repository']),
    /** Repository webhooks: the repository's `full_name`; workspace webhooks: null. */
    repository: z.string().nullable(),
    description: z.string().nullable(),
    /** The URL's scheme without the colon: `https`, `http`. */
    urlScheme: z.string(),
    /** The URL's host, lower-case, with its port when one is given (`hooks.example.com:8443`). */
    urlHost: z.string(),
    active: z.boolean(),
    /** The events it is subscribed to: `repo:push`, `pullrequest:created`… */
    events: z.array(z.string()),
    /** A signing secret is set (Bitbucket's `secret_set`; the secret itself is never sent); null when not sent. */
    signed: z.boolean().nullable(),
    /** TLS certificate verification is skipped for deliveries; null when Bitbucket does not send the flag. */
    skipCertVerification: z.boolean().nullable(),
    createdAt: z.string().nullable(),
  }),
  key: (r) => r.uuid,
});

export const bitbucketPipelineVariables = defineDataset({
  name: 'bitbucket.pipeline-variables',
  scope: 'site',
  kind: 'snapshot',
  product: 'bitbucket',
  holds:
    'Every Pipelines variable (workspace, repository, deployment environment): its name and whether it is secured — never its value.',
  endpoints: [
    'bitbucket.workspaceVariables.list',
    'bitbucket.repositoryVariables.list',
    'bitbucket.environments.list',
    'bitbucket.deploymentVariables.list',
  ],
  usedBy: ['unsecured pipeline variables named like secrets'],
  schema: z.object({
    /** The variable's uuid, in braces. */
    uuid: z.string(),
    /** `workspace` | `repository` | `deployment` (a deployment environment's variable). */
    level: z.enum(['workspace', 'repository', 'deployment']),
    /** Repository and deployment variables: the repository's `full_name`; else null. */
    repository: z.string().nullable(),
    /** Deployment variables: the environment's name (`Production`); else null. */
    environment: z.string().nullable(),
    /** The variable's name as Bitbucket calls it (`key`): `AWS_SECRET_ACCESS_KEY`. Never its value. */
    key: z.string(),
    /** Secured variables are masked in logs and never returned by the API. */
    secured: z.boolean(),
  }),
  key: (r) => r.uuid,
});
