import type { DeclaredEndpoint, Endpoint, Pagination } from './endpoint.ts';

// Jira Cloud platform REST v3. Every path here is in the official spec, whose response schema is
// the contract. https://developer.atlassian.com/cloud/jira/platform/rest/v3/
// `anonymous` follows the operation's `security` list (an empty requirement `{}` = callable
// without credentials); `scope` is its current classic OAuth scope, none for serverInfo.
function jira<const Id extends `jira.${string}`, const P extends Pagination = 'none'>(
  id: Id,
  path: string,
  scope: string | null,
  purpose: string,
  paging?: { pagination: P; pageSize?: { default: number; max: number } },
  anonymous = false,
): DeclaredEndpoint<Id, P> {
  return {
    id,
    host: 'site',
    product: 'jira',
    method: 'GET',
    path,
    auth: anonymous ? ['basic', 'oauth', 'anonymous'] : ['basic', 'oauth'],
    oauthScopes: scope ? [scope] : [],
    // No paging given: one document (`P` is then its default, 'none').
    pagination: (paging?.pagination ?? 'none') as P,
    ...(paging?.pageSize ? { pageSize: paging.pageSize } : {}),
    spec: { file: 'jira-platform-rest-v3', path, method: 'get', status: '200' },
    purpose,
  };
}

const pageBean = (max: number) => ({ pagination: 'page-bean' as const, pageSize: { default: 50, max } });

export const jiraEndpoints = [
  jira(
    'jira.serverInfo.get',
    '/rest/api/3/serverInfo',
    null,
    'Base URL, version and deployment type.',
    undefined,
    true,
  ),
  jira(
    'jira.myself.get',
    '/rest/api/3/myself',
    'read:jira-user',
    'Who the credential belongs to and its groups.',
  ),
  jira(
    'jira.permissions.list',
    '/rest/api/3/permissions',
    'manage:jira-configuration',
    'Every permission Jira defines.',
    undefined,
    true,
  ),
  jira(
    'jira.myPermissions.get',
    '/rest/api/3/mypermissions',
    'read:jira-work',
    "The caller's permissions; unauthenticated, the anonymous user's (the exposure probe).",
    undefined,
    true,
  ),
  jira(
    'jira.permissionSchemes.list',
    '/rest/api/3/permissionscheme',
    'read:jira-work',
    'Permission schemes and their grants.',
  ),
  jira(
    'jira.projects.search',
    '/rest/api/3/project/search',
    'read:jira-work',
    'Projects, their type and lead.',
    pageBean(100),
    true,
  ),
  jira(
    'jira.projectPermissionScheme.get',
    '/rest/api/3/project/{projectKeyOrId}/permissionscheme',
    'read:jira-work',
    'Which permission scheme a project uses.',
  ),
  jira('jira.roles.list', '/rest/api/3/role', 'manage:jira-configuration', 'Project role definitions.'),
  jira(
    'jira.projectRoles.list',
    '/rest/api/3/project/{projectIdOrKey}/role',
    'read:jira-work',
    "A project's roles (name → URL).",
    undefined,
    true,
  ),
  jira(
    'jira.projectRole.get',
    '/rest/api/3/project/{projectIdOrKey}/role/{id}',
    'read:jira-work',
    "The actors (users and groups) of one project's role.",
    undefined,
    true,
  ),
  jira(
    'jira.applicationRoles.list',
    '/rest/api/3/applicationrole',
    'manage:jira-configuration',
    'Product access groups.',
  ),
  jira(
    'jira.groups.list',
    '/rest/api/3/group/bulk',
    'read:jira-user',
    'Groups, and which are admin groups.',
    pageBean(50),
  ),
  jira(
    'jira.groupMembers.list',
    '/rest/api/3/group/member',
    'manage:jira-configuration',
    'Members of a group.',
    pageBean(50),
  ),
  jira(
    'jira.users.search',
    '/rest/api/3/users/search',
    'read:jira-user',
    'All users, including app accounts.',
    { pagination: 'start-at-array', pageSize: { default: 50, max: 1000 } },
    true,
  ),
  jira(
    'jira.license.get',
    '/rest/api/3/instance/license',
    'manage:jira-configuration',
    'The plan of each Jira product.',
  ),
  jira(
    'jira.auditRecords.list',
    '/rest/api/3/auditing/record',
    'manage:jira-configuration',
    'The Jira audit log.',
    {
      pagination: 'jira-audit',
      pageSize: { default: 1000, max: 1000 },
    },
  ),
  jira('jira.configuration.get', '/rest/api/3/configuration', 'read:jira-user', 'Global settings.'),
  jira(
    'jira.applicationProperties.list',
    '/rest/api/3/application-properties',
    'manage:jira-configuration',
    'Application properties (advanced settings).',
  ),
  jira(
    'jira.filters.search',
    '/rest/api/3/filter/search',
    'read:jira-work',
    'Filters and their share permissions.',
    pageBean(100),
    true,
  ),
  jira(
    'jira.dashboards.search',
    '/rest/api/3/dashboard/search',
    'read:jira-work',
    'Dashboards and their share permissions.',
    pageBean(100),
    true,
  ),
  jira(
    'jira.issueSecuritySchemes.list',
    '/rest/api/3/issuesecurityschemes',
    'manage:jira-project',
    'Issue security schemes and their levels.',
  ),
  jira(
    'jira.fields.search',
    '/rest/api/3/field/search',
    'read:jira-work',
    'Fields, including app-provided ones.',
    pageBean(50),
  ),
  {
    id: 'site.tenantInfo.get',
    host: 'site',
    product: 'jira',
    method: 'GET',
    path: '/_edge/tenant_info',
    auth: ['anonymous'],
    oauthScopes: [],
    pagination: 'none',
    purpose: 'The cloud id of a site URL (unauthenticated).',
  },
] as const satisfies readonly Endpoint[];
