import type { Endpoint, Pagination } from './endpoint.ts';

// Jira Cloud platform REST v3. Every path here is in the official spec, whose response schema is
// the contract. https://developer.atlassian.com/cloud/jira/platform/rest/v3/
// `anonymous` follows the operation's `security` list (an empty requirement `{}` = callable
// without credentials); `scope` is its current classic OAuth scope, none for serverInfo.
function jira(
  id: string,
  path: string,
  scope: string | null,
  purpose: string,
  paging: { pagination: Pagination; pageSize?: { default: number; max: number } } = { pagination: 'none' },
  anonymous = false,
): Endpoint {
  return {
    id: `jira.${id}`,
    host: 'site',
    product: 'jira',
    method: 'GET',
    path,
    auth: anonymous ? ['basic', 'oauth', 'anonymous'] : ['basic', 'oauth'],
    oauthScopes: scope ? [scope] : [],
    ...paging,
    spec: { file: 'jira-platform-rest-v3', path, method: 'get', status: '200' },
    purpose,
  };
}

const pageBean = (max: number) => ({ pagination: 'page-bean' as const, pageSize: { default: 50, max } });

export const jiraEndpoints: Endpoint[] = [
  jira(
    'serverInfo',
    '/rest/api/3/serverInfo',
    null,
    'Base URL, version and deployment type.',
    undefined,
    true,
  ),
  jira('myself', '/rest/api/3/myself', 'read:jira-user', 'Who the credential belongs to and its groups.'),
  jira(
    'permissions',
    '/rest/api/3/permissions',
    'manage:jira-configuration',
    'The catalogue of permissions.',
    undefined,
    true,
  ),
  jira(
    'mypermissions',
    '/rest/api/3/mypermissions',
    'read:jira-work',
    "The caller's permissions; unauthenticated, the anonymous user's (the exposure probe).",
    undefined,
    true,
  ),
  jira(
    'permissionSchemes',
    '/rest/api/3/permissionscheme',
    'read:jira-work',
    'Permission schemes and their grants.',
  ),
  jira(
    'projects',
    '/rest/api/3/project/search',
    'read:jira-work',
    'Projects, their type and lead.',
    pageBean(100),
    true,
  ),
  jira(
    'projectPermissionScheme',
    '/rest/api/3/project/{projectKeyOrId}/permissionscheme',
    'read:jira-work',
    'Which permission scheme a project uses.',
  ),
  jira('roles', '/rest/api/3/role', 'manage:jira-configuration', 'Project role definitions.'),
  jira(
    'projectRoles',
    '/rest/api/3/project/{projectIdOrKey}/role',
    'read:jira-work',
    "A project's roles (name → URL).",
    undefined,
    true,
  ),
  jira(
    'projectRole',
    '/rest/api/3/project/{projectIdOrKey}/role/{id}',
    'read:jira-work',
    "The actors (users and groups) of one project's role.",
    undefined,
    true,
  ),
  jira(
    'applicationRoles',
    '/rest/api/3/applicationrole',
    'manage:jira-configuration',
    'Product access groups.',
  ),
  jira(
    'groups',
    '/rest/api/3/group/bulk',
    'read:jira-user',
    'Groups, and which are admin groups.',
    pageBean(50),
  ),
  jira(
    'groupMembers',
    '/rest/api/3/group/member',
    'manage:jira-configuration',
    'Members of a group.',
    pageBean(50),
  ),
  jira(
    'users',
    '/rest/api/3/users/search',
    'read:jira-user',
    'All users, including app accounts.',
    { pagination: 'start-at-array', pageSize: { default: 50, max: 1000 } },
    true,
  ),
  jira(
    'license',
    '/rest/api/3/instance/license',
    'manage:jira-configuration',
    'The plan of each Jira product.',
  ),
  jira('audit', '/rest/api/3/auditing/record', 'manage:jira-configuration', 'The Jira audit log.', {
    pagination: 'jira-audit',
    pageSize: { default: 1000, max: 1000 },
  }),
  jira('configuration', '/rest/api/3/configuration', 'read:jira-user', 'Global settings.'),
  jira(
    'applicationProperties',
    '/rest/api/3/application-properties',
    'manage:jira-configuration',
    'Application properties (advanced settings).',
  ),
  jira(
    'filters',
    '/rest/api/3/filter/search',
    'read:jira-work',
    'Filters and their share permissions.',
    pageBean(100),
    true,
  ),
  jira(
    'dashboards',
    '/rest/api/3/dashboard/search',
    'read:jira-work',
    'Dashboards and their share permissions.',
    pageBean(100),
    true,
  ),
  jira(
    'issueSecuritySchemes',
    '/rest/api/3/issuesecurityschemes',
    'manage:jira-project',
    'Issue security schemes and their levels.',
  ),
  jira(
    'fields',
    '/rest/api/3/field/search',
    'read:jira-work',
    'Fields, including app-provided ones.',
    pageBean(50),
  ),
  {
    id: 'site.tenantInfo',
    host: 'site',
    product: 'jira',
    method: 'GET',
    path: '/_edge/tenant_info',
    auth: ['anonymous'],
    oauthScopes: [],
    pagination: 'none',
    purpose: 'The cloud id of a site URL (unauthenticated).',
  },
];
