import type { Endpoint } from './endpoint.ts';

// Organization admin API (api.atlassian.com). v1 paths are in the 2022 official spec; v2
// (directories, groups, workspaces) has no published spec, so shapes follow the docs.
// https://developer.atlassian.com/cloud/admin/organization/rest/
//
// `orgKey`: what an org API key with scopes needs, from https://developer.atlassian.com/cloud/admin/scopes/
// (read:domains:admin, read:policies:admin) and the v2 reference pages (read:directories:admin,
// read:workspaces:admin). No scope opens the v1 `/users` list (AX-1798; a scoped key gets 403,
// community.atlassian.com/forums/Jira-questions/Organization-API-Key-unable-to-access-the-User-management-APIs/qaq-p/3039088),
// the events API ("Not supported (use API Key without scopes)", AX-712; only its successor
// `/events-stream` takes read:events:admin) or the user management API (a scoped key is refused
// naming `manage:org`, which key creation does not offer). The org itself: no scope is documented,
// and every key may read its own org, or a scoped key could not even find its org id.
const v1 = 'admin-organizations-v1' as const;
const adminBase = { host: 'api', product: 'admin', auth: ['org-key'], oauthScopes: [] } as const;

export const adminEndpoints = [
  {
    ...adminBase,
    id: 'admin.orgs.list',
    orgKey: 'any-key',
    method: 'GET',
    path: '/admin/v1/orgs',
    pagination: 'admin-cursor',
    pageSize: { default: 20, max: 20 },
    spec: { file: v1, path: '/orgs', method: 'get', status: '200' },
    purpose: 'The organizations the org API key can see.',
  },
  {
    ...adminBase,
    id: 'admin.orgs.get',
    orgKey: 'any-key',
    method: 'GET',
    path: '/admin/v1/orgs/{orgId}',
    pagination: 'none',
    spec: { file: v1, path: '/orgs/{orgId}', method: 'get', status: '200' },
    purpose: 'The organization name.',
  },
  {
    ...adminBase,
    id: 'admin.users.list',
    orgKey: 'unscoped-key',
    method: 'GET',
    path: '/admin/v1/orgs/{orgId}/users',
    pagination: 'admin-cursor',
    pageSize: { default: 100, max: 100 },
    spec: { file: v1, path: '/orgs/{orgId}/users', method: 'get', status: '200' },
    purpose: 'Managed accounts with status, last activity and product access.',
  },
  {
    ...adminBase,
    id: 'admin.domains.list',
    orgKey: 'read:domains:admin',
    method: 'GET',
    path: '/admin/v1/orgs/{orgId}/domains',
    pagination: 'admin-cursor',
    pageSize: { default: 20, max: 20 },
    spec: { file: v1, path: '/orgs/{orgId}/domains', method: 'get', status: '200' },
    purpose: 'Domains and their verification status.',
  },
  {
    ...adminBase,
    id: 'admin.domains.get',
    orgKey: 'read:domains:admin',
    method: 'GET',
    path: '/admin/v1/orgs/{orgId}/domains/{domainId}',
    pagination: 'none',
    spec: { file: v1, path: '/orgs/{orgId}/domains/{domainId}', method: 'get', status: '200' },
    purpose: 'One domain.',
  },
  {
    ...adminBase,
    id: 'admin.events.list',
    orgKey: 'unscoped-key',
    method: 'GET',
    path: '/admin/v1/orgs/{orgId}/events',
    pagination: 'admin-cursor',
    pageSize: { default: 100, max: 100 },
    spec: { file: v1, path: '/orgs/{orgId}/events', method: 'get', status: '200' },
    purpose: 'The org audit log (app installs, policy changes, admin grants), filtered by time and action.',
  },
  {
    ...adminBase,
    id: 'admin.events.get',
    orgKey: 'unscoped-key',
    method: 'GET',
    path: '/admin/v1/orgs/{orgId}/events/{eventId}',
    pagination: 'none',
    spec: { file: v1, path: '/orgs/{orgId}/events/{eventId}', method: 'get', status: '200' },
    purpose: 'One audit event.',
  },
  {
    ...adminBase,
    id: 'admin.policies.list',
    orgKey: 'read:policies:admin',
    method: 'GET',
    path: '/admin/v1/orgs/{orgId}/policies',
    pagination: 'admin-cursor',
    pageSize: { default: 20, max: 20 },
    spec: { file: v1, path: '/orgs/{orgId}/policies', method: 'get', status: '200' },
    purpose: 'IP allowlist and data residency policies.',
  },
  {
    ...adminBase,
    id: 'admin.policies.get',
    orgKey: 'read:policies:admin',
    method: 'GET',
    path: '/admin/v1/orgs/{orgId}/policies/{policyId}',
    pagination: 'none',
    spec: { file: v1, path: '/orgs/{orgId}/policies/{policyId}', method: 'get', status: '200' },
    purpose: 'One policy.',
  },
  {
    ...adminBase,
    id: 'admin.directories.list',
    orgKey: 'read:directories:admin',
    method: 'GET',
    path: '/admin/v2/orgs/{orgId}/directories',
    pagination: 'admin-v2-cursor',
    pageSize: { default: 100, max: 100 },
    purpose: 'User directories, including SCIM-provisioned ones.',
  },
  // The v2 directory lists take `limit` up to 100, and "will no longer work after June 30, 2027":
  // their replacements are the POST `…/search` endpoints below, which Palisade reads first
  // (docs/atlassian/API.md §a.2). Kept as the fallback where the search is not offered.
  {
    ...adminBase,
    id: 'admin.directory.users.list',
    orgKey: 'read:directories:admin',
    method: 'GET',
    path: '/admin/v2/orgs/{orgId}/directories/{directoryId}/users',
    pagination: 'admin-v2-cursor',
    pageSize: { default: 100, max: 100 },
    purpose: 'Directory users with 2SV, platform roles, last activity and claim status (until June 2027).',
  },
  {
    ...adminBase,
    id: 'admin.directory.groups.list',
    orgKey: 'read:directories:admin',
    method: 'GET',
    path: '/admin/v2/orgs/{orgId}/directories/{directoryId}/groups',
    pagination: 'admin-v2-cursor',
    pageSize: { default: 100, max: 100 },
    purpose: 'Directory groups with their member counts (until June 2027).',
  },
  {
    ...adminBase,
    id: 'admin.directory.users.search',
    orgKey: 'read:directories:admin',
    method: 'POST',
    path: '/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search',
    pagination: 'admin-v2-body-cursor',
    pageSize: { default: 50, max: 100 },
    // "409: the request took longer than 10 seconds": the same page, smaller, usually succeeds.
    shrinkPageOn: [409],
    purpose:
      'Directory users with 2SV, platform roles, last activity per product and claim status (expand platformRoles, counts.resources, productAccess).',
  },
  {
    ...adminBase,
    id: 'admin.directory.groups.search',
    orgKey: 'read:directories:admin',
    method: 'POST',
    path: '/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/search',
    pagination: 'admin-v2-body-cursor',
    pageSize: { default: 20, max: 100 },
    purpose: 'Directory groups with their member counts (expand counts.users, counts.resources).',
  },
  {
    ...adminBase,
    id: 'admin.workspaces.search',
    orgKey: 'read:workspaces:admin',
    method: 'POST',
    path: '/admin/v2/orgs/{orgId}/workspaces',
    pagination: 'admin-v2-body-cursor',
    pageSize: { default: 20, max: 100 },
    purpose: 'Product instances (sites and their products, plans and URLs).',
  },
  // API Access API: the org's credentials in one list each, with expiry, last activity and scopes
  // (experimental; no spec is vendored, shapes after the reference pages). Org API keys only:
  // "Forge and OAuth2 apps cannot access this REST resource". The page size parameter is
  // `pageSize`; its limits are not published (50/100 here: unverified).
  // https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-token/
  {
    ...adminBase,
    id: 'admin.apiAccess.apiTokens.list',
    orgKey: 'read:tokens:admin',
    method: 'GET',
    path: '/admin/api-access/v1/orgs/{orgId}/api-tokens',
    pagination: 'api-access-cursor',
    pageSize: { default: 50, max: 100 },
    purpose:
      "Every managed account's API tokens in one list: status, expiry, last activity, scopes and owner.",
  },
  // https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-key/ ("Gets all user
  // API keys in an organization": the API keys admins create under Settings → API keys). The
  // reference page has named both read:tokens:admin and, later, read:keys:admin; the later is used.
  {
    ...adminBase,
    id: 'admin.apiAccess.apiKeys.list',
    orgKey: 'read:keys:admin',
    method: 'GET',
    path: '/admin/api-access/v1/orgs/{orgId}/api-keys',
    pagination: 'api-access-cursor',
    pageSize: { default: 50, max: 100 },
    purpose: "The org's API keys: creator, expiry, last activity and scopes.",
  },
  {
    host: 'api',
    product: 'user-management',
    auth: ['org-key'],
    oauthScopes: [],
    id: 'usermgmt.apiTokens.list',
    orgKey: 'unscoped-key',
    method: 'GET',
    path: '/users/{accountId}/manage/api-tokens',
    pagination: 'none',
    spec: {
      file: 'admin-user-management',
      path: '/users/{accountId}/manage/api-tokens',
      method: 'get',
      status: '200',
    },
    purpose: "A managed account's API tokens with creation and last-use times.",
  },
  {
    host: 'api',
    product: 'user-management',
    auth: ['org-key'],
    oauthScopes: [],
    id: 'usermgmt.apiTokens.delete',
    orgKey: 'unscoped-key',
    method: 'DELETE',
    path: '/users/{accountId}/manage/api-tokens/{tokenId}',
    pagination: 'none',
    spec: {
      file: 'admin-user-management',
      path: '/users/{accountId}/manage/api-tokens/{tokenId}',
      method: 'delete',
      status: '204',
    },
    purpose: 'Revoke a stale API token.',
  },
] as const satisfies readonly Endpoint[];
