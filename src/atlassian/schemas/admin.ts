import { z } from 'zod';

// Organizations REST API v2 (directories, users, groups, workspaces): Atlassian publishes no
// spec, so these describe what Palisade relies on, after the reference pages and the simulator
// (simulator/routes/admin-directory*.ts, admin-workspaces.ts), and docs/atlassian/API.md §a.2.
// Objects are loose (extra fields pass); enum-like fields are plain strings because the values
// come from docs, not a spec, and a new one must not fail a sync.
// https://developer.atlassian.com/cloud/admin/organization/rest/api-group-directory/

/** v2 pagination: `links.next` is the opaque cursor of the next page, absent on the last. */
const links = z.looseObject({
  self: z.string().optional(),
  prev: z.string().optional(),
  next: z.string().optional(),
});

export const adminDirectoriesPage = z.looseObject({
  data: z.array(z.looseObject({ directoryId: z.string(), name: z.string() })),
  links: links.optional(),
});

/**
 * jira.js `MultiDirectoryUser`: 2SV, platform roles, claim status and last activity per account.
 * Relied on: the account id, and its platform roles (an account without the list could be an
 * admin no check would see). The rest is read as it comes; a missing `mfaEnabled` is "unknown".
 */
export const adminDirectoryUser = z.looseObject({
  accountId: z.string(),
  accountType: z.string().optional(),
  accountStatus: z.string().optional(),
  membershipStatus: z.string().optional(),
  status: z.string().optional(),
  name: z.string().optional(),
  nickname: z.string().nullish(),
  email: z.string().nullish(),
  emailVerified: z.boolean().optional(),
  claimStatus: z.string().optional(),
  managementSource: z.string().nullish(),
  platformRoles: z.array(z.string()),
  mfaEnabled: z.boolean().optional(),
  addedToOrg: z.string().nullish(),
  /** The admin UI's "last active"; absent for accounts never active. */
  lastActive: z.string().nullish(),
  jobTitle: z.string().nullish(),
  department: z.string().nullish(),
  timeZone: z.string().nullish(),
});

export const adminDirectoryUsersPage = z.looseObject({
  data: z.array(adminDirectoryUser),
  links: links.optional(),
});

/** jira.js `MultiDirectoryGroup`; `counts.users` is the member count. */
export const adminDirectoryGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  directoryId: z.string().optional(),
  managedBy: z.string().nullish(),
  externalSynced: z.boolean().optional(),
  counts: z.looseObject({ users: z.number().optional(), resources: z.number().optional() }).optional(),
});

export const adminDirectoryGroupsPage = z.looseObject({
  data: z.array(adminDirectoryGroup),
  links: links.optional(),
});

/** jira.js `WorkspaceModel`: one product instance of a site. Relied on: its id (the site's ARI). */
export const adminWorkspace = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  attributes: z
    .looseObject({
      name: z.string().optional(),
      typeKey: z.string().optional(),
      type: z.string().optional(),
      status: z.string().optional(),
      hostUrl: z.string().optional(),
      owner: z.string().optional(),
      createdAt: z.string().optional(),
    })
    .optional(),
});

export const adminWorkspacesPage = z.looseObject({
  data: z.array(adminWorkspace),
  links: links.optional(),
  meta: z.looseObject({ total: z.number().optional(), pageSize: z.number().optional() }).optional(),
});

// API Access API (`ApiTokenSearchResponse`, `ApiKeySearchResponse`): experimental and without a
// vendored spec. Only the identity is required; dates, scopes and owners may be absent or null,
// and `status` is an open string (`ALLOWED` in the reference example).
// https://developer.atlassian.com/cloud/admin/api-access/rest/api-group-api-token/
const apiAccessPerson = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  email: z.string().nullish(),
});

export const apiAccessToken = z.looseObject({
  id: z.string(),
  label: z.string().nullish(),
  status: z.string().nullish(),
  createdAt: z.string().nullish(),
  expiresAt: z.string().nullish(),
  lastActiveAt: z.string().nullish(),
  user: apiAccessPerson.nullish(),
  scopes: z.array(z.string()).nullish(),
});

export const apiAccessTokensPage = z.looseObject({ data: z.array(apiAccessToken), links: links.optional() });

export const apiAccessKey = z.looseObject({
  id: z.string(),
  label: z.string().nullish(),
  createdAt: z.string().nullish(),
  expiresAt: z.string().nullish(),
  lastActiveAt: z.string().nullish(),
  createdBy: apiAccessPerson.nullish(),
  scopes: z.array(z.string()).nullish(),
});

export const apiAccessKeysPage = z.looseObject({ data: z.array(apiAccessKey), links: links.optional() });
