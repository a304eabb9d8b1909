import type { EndpointId } from '../../src/atlassian/catalogue/index.ts';
import { SimError } from '../http/errors.ts';
import { intParam } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { BitbucketRepository, BitbucketWorkspace } from '../tenant/bitbucket-model.ts';
import {
  renderBranchingModel,
  renderEnvironment,
  renderMembership,
  renderProject,
  renderProjectKey,
  renderRepository,
  renderRepositoryKey,
  renderRestriction,
  renderUser,
  renderVariable,
  renderWebhook,
  renderWorkspace,
} from './bitbucket-render.ts';

// Bitbucket Cloud REST API 2.0 on its own listener (`api.bitbucket.org`), what Palisade reads of
// a workspace. https://developer.atlassian.com/cloud/bitbucket/rest/intro/
// - Auth: Basic with an Atlassian account's e-mail and API token (the account must be a member of
//   the workspace), or Bearer with one of the workspace's access tokens (that workspace only).
// - Permissions: members read the workspace, its members, projects, repositories and
//   environments; branch restrictions, access keys, webhooks and Pipelines variables need an owner
//   (403 otherwise). An access token reaches what its scopes cover: without the endpoint's scope,
//   403 `{"type":"error","error":{"message":"Your credentials lack one or more required privilege scopes.","detail":{"granted":[…],"required":[…]}}}`.
// - Lists page with `page`/`pagelen` (default 10, at most 100: a larger `pagelen` is capped) and
//   answer `{pagelen, size, page, values, next?, previous?}`, `next` a full URL.
// - `{workspace}` is the slug or the uuid in braces; an unknown one is a 404.

/** Endpoints only a workspace owner may read (https://support.atlassian.com/bitbucket-cloud/docs/grant-access-to-a-workspace/). */
const OWNER_ONLY: ReadonlySet<EndpointId> = new Set([
  'bitbucket.branchRestrictions.list',
  'bitbucket.repositoryDeployKeys.list',
  'bitbucket.projectDeployKeys.list',
  'bitbucket.workspaceHooks.list',
  'bitbucket.repositoryHooks.list',
  'bitbucket.workspaceVariables.list',
  'bitbucket.repositoryVariables.list',
  'bitbucket.deploymentVariables.list',
]);

/** Scopes that include others: `repository:admin` reads what `repository` does. */
function grants(held: readonly string[], needed: string): boolean {
  const base = needed.split(':')[0] ?? needed;
  return held.some((s) => s === needed || (needed === base && s.startsWith(`${base}:`)));
}

function base(call: Call): string {
  return call.ctx.urls.bitbucket;
}

function workspaceOf(call: Call): BitbucketWorkspace {
  const id = call.params.workspace ?? '';
  const ws = (call.ctx.state.tenant.bitbucket ?? []).find(
    (w) => w.slug === id || w.uuid.toLowerCase() === id.toLowerCase(),
  );
  if (!ws) throw new SimError(404, `No workspace with identifier '${id}'.`);
  return ws;
}

/** The workspace the call names, once the caller may read this endpoint of it. */
function authorized(call: Call): BitbucketWorkspace {
  const ws = workspaceOf(call);
  const p = call.principal;
  if (p.kind === 'access-token') {
    if (p.workspace !== ws) throw new SimError(403, 'Access token does not have access to this workspace.');
    const missing = call.endpoint.oauthScopes.filter((s) => !grants(p.token.scopes, s));
    if (missing.length > 0) {
      const message = 'Your credentials lack one or more required privilege scopes.';
      throw new SimError(403, message, {
        body: { type: 'error', error: { message, detail: { granted: p.token.scopes, required: missing } } },
      });
    }
    return ws;
  }
  if (p.kind !== 'basic')
    throw new SimError(401, 'Token is invalid, expired, or not supported for this endpoint.');
  const member = ws.members.find((m) => m.accountId === p.user.accountId);
  if (!member) throw new SimError(403, 'You do not have access to this workspace.');
  if (OWNER_ONLY.has(call.endpoint.id as EndpointId) && member.permission !== 'owner') {
    throw new SimError(403, 'You must be an administrator of this workspace to access this resource.');
  }
  return ws;
}

function repositoryOf(call: Call, ws: BitbucketWorkspace): BitbucketRepository {
  const slug = call.params.repo_slug ?? '';
  const repo = ws.repositories.find((r) => r.slug === slug || r.uuid.toLowerCase() === slug.toLowerCase());
  if (!repo) throw new SimError(404, `Repository ${ws.slug}/${slug} not found`);
  return repo;
}

/** One page of a Bitbucket list: `page` (from 1) and `pagelen` (default 10, capped at 100). */
function page<T>(call: Call, items: readonly T[], render: (item: T) => unknown) {
  const size = call.endpoint.pageSize ?? { default: 10, max: 100 };
  const pagelen = Math.min(intParam(call, 'pagelen', size.default, 1), size.max);
  const number = intParam(call, 'page', 1, 1);
  const start = (number - 1) * pagelen;
  const url = new URL(call.url, base(call));
  const at = (n: number) => {
    const u = new URL(url);
    u.searchParams.set('page', String(n));
    return u.toString();
  };
  return {
    pagelen,
    size: items.length,
    page: number,
    values: items.slice(start, start + pagelen).map(render),
    ...(start + pagelen < items.length ? { next: at(number + 1) } : {}),
    ...(number > 1 ? { previous: at(number - 1) } : {}),
  };
}

export function bitbucketRoutes(r: Registrar): void {
  r.serve('bitbucket.user.get', (call) => {
    const p = call.principal;
    if (p.kind !== 'basic')
      throw new SimError(401, 'Token is invalid, expired, or not supported for this endpoint.');
    const membership = (call.ctx.state.tenant.bitbucket ?? [])
      .flatMap((w) => w.members)
      .find((m) => m.accountId === p.user.accountId);
    return renderUser(base(call), p.user, membership?.uuid ?? `{${p.user.accountId}}`, true);
  });
  r.serve('bitbucket.workspace.get', (call) => renderWorkspace(base(call), authorized(call)));
  r.serve('bitbucket.workspacePermissions.list', (call) => {
    const ws = authorized(call);
    const users = call.ctx.state.usersById;
    return page(call, ws.members, (m) => renderMembership(base(call), ws, m, users.get(m.accountId)));
  });
  r.serve('bitbucket.projects.list', (call) => {
    const ws = authorized(call);
    return page(call, ws.projects, (p) => renderProject(ws, p, ws.repositories));
  });
  r.serve('bitbucket.repositories.list', (call) => {
    const ws = authorized(call);
    return page(call, ws.repositories, (repo) => renderRepository(base(call), ws, repo));
  });
  r.serve('bitbucket.branchRestrictions.list', (call) => {
    const ws = authorized(call);
    const repo = repositoryOf(call, ws);
    const users = call.ctx.state.usersById;
    return page(call, repo.branchRestrictions, (b) =>
      renderRestriction(base(call), ws, repo, b, (id) => users.get(id)),
    );
  });
  r.serve('bitbucket.branchingModel.get', (call) =>
    renderBranchingModel(repositoryOf(call, authorized(call))),
  );
  r.serve('bitbucket.repositoryDeployKeys.list', (call) => {
    const ws = authorized(call);
    const repo = repositoryOf(call, ws);
    return page(call, repo.deployKeys, (k) => renderRepositoryKey(base(call), ws, repo, k));
  });
  r.serve('bitbucket.projectDeployKeys.list', (call) => {
    const ws = authorized(call);
    const key = call.params.project_key ?? '';
    const project = ws.projects.find((p) => p.key === key);
    if (!project) throw new SimError(404, `Project ${key} not found`);
    return page(call, project.deployKeys, (k) => renderProjectKey(base(call), ws, project, k));
  });
  r.serve('bitbucket.workspaceHooks.list', (call) => {
    const ws = authorized(call);
    return page(call, ws.webhooks, (h) => renderWebhook(ws, h));
  });
  r.serve('bitbucket.repositoryHooks.list', (call) => {
    const ws = authorized(call);
    const repo = repositoryOf(call, ws);
    return page(call, repo.webhooks, (h) => renderWebhook(ws, h, repo));
  });
  r.serve('bitbucket.workspaceVariables.list', (call) =>
    page(call, authorized(call).variables, (v) => renderVariable('pipeline_variable', v)),
  );
  r.serve('bitbucket.repositoryVariables.list', (call) => {
    const repo = repositoryOf(call, authorized(call));
    return page(call, repo.variables, (v) => renderVariable('pipeline_variable', v));
  });
  r.serve('bitbucket.environments.list', (call) => {
    const repo = repositoryOf(call, authorized(call));
    return page(call, repo.environments, renderEnvironment);
  });
  r.serve('bitbucket.deploymentVariables.list', (call) => {
    const repo = repositoryOf(call, authorized(call));
    const id = call.params.environment_uuid ?? '';
    const environment = repo.environments.find((e) => e.uuid.toLowerCase() === id.toLowerCase());
    if (!environment) throw new SimError(404, `Environment ${id} not found`);
    return page(call, environment.variables, (v) => renderVariable('deployment_variable', v));
  });
}
