import type {
  BitbucketBranchRestriction,
  BitbucketDeployKey,
  BitbucketEnvironment,
  BitbucketMember,
  BitbucketProject,
  BitbucketRepository,
  BitbucketVariable,
  BitbucketWebhook,
  BitbucketWorkspace,
} from '../tenant/bitbucket-model.ts';
import type { User } from '../tenant/model.ts';

// Bitbucket Cloud's JSON, as the official spec (spec/atlassian/bitbucket-cloud.swagger.v3.json)
// describes each object: every object carries `type` (the spec's base `object` requires it),
// snake_case fields, uuids in braces, links as `{href}` objects (whose schema allows nothing else).
// `base` is the API's origin (`https://api.bitbucket.org`); `html` Bitbucket's web origin.

const HTML = 'https://bitbucket.org';
const link = (href: string) => ({ href });

export function renderUser(base: string, user: User | undefined, uuid: string, self = false) {
  return {
    type: 'user',
    uuid,
    display_name: user?.name ?? 'Former user',
    nickname: user?.nickname ?? 'former-user',
    account_id: user?.accountId,
    // Braces are not allowed in a URI: Bitbucket percent-encodes a uuid in its links.
    links: {
      avatar: link(`${HTML}/account/${encodeURIComponent(uuid)}/avatar`),
      self: link(`${base}/2.0/users/${encodeURIComponent(uuid)}`),
    },
    // Bitbucket tells only the account itself whether it has 2-step verification.
    ...(self && user
      ? {
          has_2fa_enabled: user.mfaEnabled,
          account_status: user.accountStatus,
          created_on: user.addedToOrg,
        }
      : {}),
  };
}

function workspaceRef(ws: BitbucketWorkspace) {
  return { type: 'workspace', uuid: ws.uuid, slug: ws.slug, name: ws.name };
}

export function renderWorkspace(base: string, ws: BitbucketWorkspace) {
  return {
    ...workspaceRef(ws),
    is_private: ws.isPrivate,
    is_privacy_enforced: ws.isPrivacyEnforced,
    forking_mode: ws.forkingMode,
    created_on: ws.createdOn,
    updated_on: ws.updatedOn,
    links: {
      self: link(`${base}/2.0/workspaces/${ws.slug}`),
      html: link(`${HTML}/${ws.slug}/`),
      avatar: link(`${HTML}/workspaces/${ws.slug}/avatar`),
      members: link(`${base}/2.0/workspaces/${ws.slug}/members`),
      projects: link(`${base}/2.0/workspaces/${ws.slug}/projects`),
      repositories: link(`${base}/2.0/repositories/${ws.slug}`),
    },
  };
}

export function renderMembership(
  base: string,
  ws: BitbucketWorkspace,
  m: BitbucketMember,
  user: User | undefined,
) {
  return {
    type: 'workspace_membership',
    permission: m.permission,
    last_accessed: m.lastAccessed,
    added_on: m.addedOn,
    user: renderUser(base, user, m.uuid),
    workspace: workspaceRef(ws),
    links: { self: link(`${base}/2.0/workspaces/${ws.slug}/members/${encodeURIComponent(m.uuid)}`) },
  };
}

function projectRef(p: BitbucketProject) {
  return { type: 'project', uuid: p.uuid, key: p.key, name: p.name };
}

export function renderProject(
  ws: BitbucketWorkspace,
  p: BitbucketProject,
  repositories: readonly BitbucketRepository[],
) {
  return {
    ...projectRef(p),
    description: p.description,
    is_private: p.isPrivate,
    has_publicly_visible_repos: repositories.some((r) => r.projectKey === p.key && !r.isPrivate),
    created_on: p.createdOn,
    updated_on: p.updatedOn,
    links: {
      html: link(`${HTML}/${ws.slug}/workspace/projects/${p.key}`),
      avatar: link(`${HTML}/${ws.slug}/workspace/projects/${p.key}/avatar`),
    },
  };
}

function repositoryRef(ws: BitbucketWorkspace, r: BitbucketRepository) {
  return { type: 'repository', uuid: r.uuid, full_name: `${ws.slug}/${r.slug}`, name: r.name };
}

export function renderRepository(base: string, ws: BitbucketWorkspace, r: BitbucketRepository) {
  const project = ws.projects.find((p) => p.key === r.projectKey);
  return {
    ...repositoryRef(ws, r),
    slug: r.slug,
    description: '',
    scm: 'git',
    is_private: r.isPrivate,
    fork_policy: r.forkPolicy,
    language: r.language,
    created_on: r.createdOn,
    updated_on: r.updatedOn,
    size: 1_048_576,
    has_issues: false,
    has_wiki: false,
    ...(r.mainBranch ? { mainbranch: { type: 'branch', name: r.mainBranch } } : {}),
    ...(project ? { project: projectRef(project) } : {}),
    ...(r.parent
      ? { parent: { type: 'repository', full_name: r.parent, name: r.parent.split('/')[1] } }
      : {}),
    owner: { type: 'team', uuid: ws.uuid, display_name: ws.name, username: ws.slug },
    workspace: workspaceRef(ws),
    links: {
      self: link(`${base}/2.0/repositories/${ws.slug}/${r.slug}`),
      html: link(`${HTML}/${ws.slug}/${r.slug}`),
    },
  };
}

export function renderRestriction(
  base: string,
  ws: BitbucketWorkspace,
  r: BitbucketRepository,
  b: BitbucketBranchRestriction,
  users: (accountId: string) => User | undefined,
) {
  return {
    type: 'branchrestriction',
    id: b.id,
    kind: b.kind,
    branch_match_kind: b.branchMatchKind,
    pattern: b.pattern,
    ...(b.branchType ? { branch_type: b.branchType } : {}),
    ...(b.value !== null ? { value: b.value } : {}),
    users: b.users.map((id) => {
      const member = ws.members.find((m) => m.accountId === id);
      return renderUser(base, users(id), member?.uuid ?? `{${id}}`);
    }),
    groups: b.groups.map((slug) => ({
      type: 'group',
      name: slug,
      slug,
      full_slug: `${ws.slug}:${slug}`,
      links: { self: link(`${base}/2.0/groups/${ws.slug}/${slug}`) },
    })),
    links: { self: link(`${base}/2.0/repositories/${ws.slug}/${r.slug}/branch-restrictions/${b.id}`) },
  };
}

export function renderBranchingModel(r: BitbucketRepository) {
  const target = (name: string | null) => ({
    name: name ?? r.mainBranch,
    use_mainbranch: name === null,
    ...((name ?? r.mainBranch) ? { branch: { type: 'branch', name: name ?? r.mainBranch } } : {}),
  });
  return {
    type: 'branching_model',
    development: target(r.branchingModel.development),
    ...(r.branchingModel.productionEnabled ? { production: target(r.branchingModel.production) } : {}),
    branch_types: [
      { kind: 'feature', prefix: 'feature/' },
      { kind: 'bugfix', prefix: 'bugfix/' },
      { kind: 'release', prefix: 'release/' },
      { kind: 'hotfix', prefix: 'hotfix/' },
    ],
  };
}

function keyComment(key: string): string {
  return key.split(' ').slice(2).join(' ');
}

export function renderRepositoryKey(
  base: string,
  ws: BitbucketWorkspace,
  r: BitbucketRepository,
  k: BitbucketDeployKey,
) {
  return {
    type: 'deploy_key',
    id: k.id,
    key: k.key,
    label: k.label,
    comment: keyComment(k.key),
    added_on: k.addedOn,
    // A key never used has no `last_used` (the spec types it a date-time, never null).
    ...(k.lastUsed ? { last_used: k.lastUsed } : {}),
    repository: repositoryRef(ws, r),
    links: { self: link(`${base}/2.0/repositories/${ws.slug}/${r.slug}/deploy-keys/${k.id}`) },
  };
}

export function renderProjectKey(
  base: string,
  ws: BitbucketWorkspace,
  p: BitbucketProject,
  k: BitbucketDeployKey,
) {
  return {
    type: 'project_deploy_key',
    id: k.id,
    key: k.key,
    label: k.label,
    comment: keyComment(k.key),
    added_on: k.addedOn,
    // A key never used has no `last_used` (the spec types it a date-time, never null).
    ...(k.lastUsed ? { last_used: k.lastUsed } : {}),
    project: projectRef(p),
    links: { self: link(`${base}/2.0/workspaces/${ws.slug}/projects/${p.key}/deploy-keys/${k.id}`) },
  };
}

export function renderWebhook(ws: BitbucketWorkspace, h: BitbucketWebhook, r?: BitbucketRepository) {
  return {
    type: 'webhook_subscription',
    uuid: h.uuid,
    url: h.url,
    description: h.description,
    subject_type: r ? 'repository' : 'workspace',
    subject: r ? repositoryRef(ws, r) : workspaceRef(ws),
    active: h.active,
    created_at: h.createdAt,
    events: h.events,
    secret_set: h.secretSet,
    // Sent by Bitbucket beside the documented fields (the "Skip certificate verification" box).
    skip_cert_verification: h.skipCertVerification,
  };
}

/** A secured variable's value is never returned ("The value will never be exposed in … the REST API"). */
export function renderVariable(type: 'pipeline_variable' | 'deployment_variable', v: BitbucketVariable) {
  return { type, uuid: v.uuid, key: v.key, secured: v.secured, ...(v.secured ? {} : { value: v.value }) };
}

export function renderEnvironment(e: BitbucketEnvironment) {
  return {
    type: 'deployment_environment',
    uuid: e.uuid,
    name: e.name,
    environment_type: { type: 'deployment_environment_type', name: e.type },
  };
}
