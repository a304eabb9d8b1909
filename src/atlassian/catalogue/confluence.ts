import type { DeclaredEndpoint, Endpoint, Pagination } from './endpoint.ts';

// Confluence Cloud REST v2 (current) and v1 (the only place anonymous and unlicensed access show).
// https://developer.atlassian.com/cloud/confluence/rest/v2/ and .../rest/v1/
function confluence<const Id extends `confluence.${string}`, const P extends Pagination = 'none'>(
  id: Id,
  version: 1 | 2,
  path: string,
  scope: string,
  purpose: string,
  paging?: { pagination: P; pageSize?: { default: number; max: number } },
  anonymous = false,
): DeclaredEndpoint<Id, P> {
  const specPath = version === 2 ? path.replace('/wiki/api/v2', '') : path;
  return {
    id,
    host: 'site',
    product: 'confluence',
    method: 'GET',
    path,
    auth: anonymous ? ['basic', 'oauth', 'anonymous'] : ['basic', 'oauth'],
    oauthScopes: [scope],
    // No paging given: one document (`P` is then its default, 'none').
    pagination: (paging?.pagination ?? 'none') as P,
    ...(paging?.pageSize ? { pageSize: paging.pageSize } : {}),
    spec: {
      file: version === 2 ? 'confluence-rest-v2' : 'confluence-rest-v1',
      path: specPath,
      method: 'get',
      status: '200',
    },
    purpose,
  };
}

export const confluenceEndpoints = [
  confluence(
    'confluence.spaces.list',
    2,
    '/wiki/api/v2/spaces',
    'read:space:confluence',
    'Spaces.',
    {
      pagination: 'cursor-links',
      pageSize: { default: 25, max: 250 },
    },
    true,
  ),
  confluence(
    'confluence.spacePermissions.list',
    2,
    '/wiki/api/v2/spaces/{id}/permissions',
    'read:space:confluence',
    'Who may do what in a space.',
    { pagination: 'cursor-links', pageSize: { default: 25, max: 250 } },
  ),
  confluence(
    'confluence.spacesWithPermissions.list',
    1,
    '/wiki/rest/api/space',
    'read:confluence-space.summary',
    'Spaces with permissions, including the anonymous and unlicensed access flags.',
    { pagination: 'start-limit', pageSize: { default: 25, max: 500 } },
    true,
  ),
  confluence(
    'confluence.groups.list',
    1,
    '/wiki/rest/api/group',
    'read:confluence-groups',
    'Confluence groups.',
    {
      pagination: 'start-limit',
      pageSize: { default: 200, max: 200 },
    },
  ),
  confluence(
    'confluence.groupMembers.list',
    1,
    '/wiki/rest/api/group/{groupId}/membersByGroupId',
    'read:confluence-groups',
    'Members of a group.',
    { pagination: 'start-limit', pageSize: { default: 200, max: 200 } },
  ),
  confluence(
    'confluence.auditRecords.list',
    1,
    '/wiki/rest/api/audit',
    'read:audit-log:confluence',
    'The Confluence audit log.',
    {
      pagination: 'start-limit',
      pageSize: { default: 1000, max: 1000 },
    },
  ),
  confluence(
    'confluence.systemInfo.get',
    1,
    '/wiki/rest/api/settings/systemInfo',
    'manage:confluence-configuration',
    'Cloud id, edition and base URL.',
  ),
  confluence(
    'confluence.currentUser.get',
    1,
    '/wiki/rest/api/user/current',
    'read:confluence-user',
    'Who the credential is; with expand=operations, whether it is a Confluence administrator.',
  ),
  confluence(
    'confluence.anonymousUser.get',
    1,
    '/wiki/rest/api/user/anonymous',
    'read:confluence-user',
    'What an anonymous visitor may do site-wide.',
    undefined,
    true,
  ),
] as const satisfies readonly Endpoint[];
