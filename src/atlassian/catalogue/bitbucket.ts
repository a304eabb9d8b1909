import type { AuthKind, DeclaredEndpoint, Endpoint, Pagination } from './endpoint.ts';

// Bitbucket Cloud REST API 2.0 (`https://api.bitbucket.org/2.0`). Every path here is in the
// official OpenAPI document (spec/atlassian/bitbucket-cloud.swagger.v3.json, whose paths leave
// out the `/2.0` prefix of its server URL), so its response schema is the contract.
// https://developer.atlassian.com/cloud/bitbucket/rest/intro/
//
// Authentication: a workspace access token (`Authorization: Bearer`,
// https://support.atlassian.com/bitbucket-cloud/docs/using-access-tokens/) or an Atlassian
// account's e-mail and API token (`Authorization: Basic`,
// https://support.atlassian.com/bitbucket-cloud/docs/using-api-tokens/). `scope` is the operation's
// OAuth 2.0 scope in the spec's `security` list, the name workspace access tokens' permissions
// carry too (`repository:admin`, `webhook`, `pipeline`); none for the workspace itself, which the
// spec opens to any credential of it.
// Lists page with `page`/`pagelen` and answer `{values, page, pagelen, size, next}`, `next` the
// full URL of the following page (https://developer.atlassian.com/cloud/bitbucket/rest/intro/#pagination).
function bitbucket<const Id extends `bitbucket.${string}`, const P extends Pagination = 'none'>(
  id: Id,
  specPath: string,
  scope: string | null,
  purpose: string,
  pagination?: P,
  auth: readonly AuthKind[] = ['basic', 'access-token'],
): DeclaredEndpoint<Id, P> {
  return {
    id,
    host: 'bitbucket',
    product: 'bitbucket',
    method: 'GET',
    path: `/2.0${specPath}`,
    auth,
    oauthScopes: scope ? [scope] : [],
    pagination: (pagination ?? 'none') as P,
    // Bitbucket's default page is 10 items; most lists honour up to 100 (the spec's `pagelen`).
    ...(pagination ? { pageSize: { default: 10, max: 100 } } : {}),
    spec: { file: 'bitbucket-cloud', path: specPath, method: 'get', status: '200' },
    purpose,
  };
}

export const bitbucketEndpoints = [
  bitbucket(
    'bitbucket.user.get',
    '/user',
    'account',
    "Who an API token belongs to (Basic only: an access token's bot user is no account to name).",
    undefined,
    ['basic'],
  ),
  bitbucket(
    'bitbucket.workspace.get',
    '/workspaces/{workspace}',
    null,
    'The workspace: uuid, name, privacy, forking mode; connecting checks the credential reaches it.',
  ),
  bitbucket(
    'bitbucket.workspacePermissions.list',
    '/workspaces/{workspace}/permissions',
    'account',
    'Members with their workspace permission (owner, collaborator, member) and last access.',
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.projects.list',
    '/workspaces/{workspace}/projects',
    'project',
    'Projects: key, privacy, whether they hold public repositories.',
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.repositories.list',
    '/repositories/{workspace}',
    'repository',
    'Repositories: privacy, fork policy, main branch, project, dates.',
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.branchRestrictions.list',
    '/repositories/{workspace}/{repo_slug}/branch-restrictions',
    'repository:admin',
    "A repository's branch permissions and merge checks.",
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.branchingModel.get',
    '/repositories/{workspace}/{repo_slug}/branching-model',
    'repository',
    'Which branch types the main branch has, for restrictions matched by branch type.',
  ),
  bitbucket(
    'bitbucket.repositoryDeployKeys.list',
    '/repositories/{workspace}/{repo_slug}/deploy-keys',
    'repository:admin',
    "A repository's access keys: label, added, last used.",
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.projectDeployKeys.list',
    '/workspaces/{workspace}/projects/{project_key}/deploy-keys',
    'project:admin',
    "A project's access keys: label, added, last used.",
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.workspaceHooks.list',
    '/workspaces/{workspace}/hooks',
    'webhook',
    'Workspace webhooks: where they deliver, events, secret set.',
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.repositoryHooks.list',
    '/repositories/{workspace}/{repo_slug}/hooks',
    'webhook',
    'Repository webhooks: where they deliver, events, secret set.',
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.workspaceVariables.list',
    '/workspaces/{workspace}/pipelines-config/variables',
    'pipeline',
    'Workspace Pipelines variables: names and whether they are secured (values are not kept).',
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.repositoryVariables.list',
    '/repositories/{workspace}/{repo_slug}/pipelines_config/variables',
    'pipeline',
    'Repository Pipelines variables: names and whether they are secured (values are not kept).',
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.environments.list',
    '/repositories/{workspace}/{repo_slug}/environments',
    'pipeline',
    "A repository's deployment environments, whose variables are read next.",
    'bitbucket-page',
  ),
  bitbucket(
    'bitbucket.deploymentVariables.list',
    '/repositories/{workspace}/{repo_slug}/deployments_config/environments/{environment_uuid}/variables',
    'pipeline',
    'Deployment environment variables: names and whether they are secured (values are not kept).',
    'bitbucket-page',
  ),
] as const satisfies readonly Endpoint[];
