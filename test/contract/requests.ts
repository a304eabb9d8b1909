import type { ContractRequest } from './client.ts';
import type { Fixture } from './fixture.ts';

// The successful request the contract tests make to each catalogue endpoint, with the query
// parameters Palisade will use. Path parameters named like fixture fields (orgId, domainId,
// projectIdOrKey, groupId, addonKey...) are filled in from the tenant; give only the rest here.
// Adding an endpoint is one line. Several requests (e.g. as the admin and as anonymous) are
// all checked.

/** An API token the tests may delete (tenants.ts adds it for the admin before the start). */
export const DISPOSABLE_TOKEN_ID = 'tok-contract-disposable';

/** Atlassian's gateway query for Forge and Connect-on-Forge installations (docs/atlassian/API.md c.2). */
export const APP_INSTALLATIONS_QUERY = `query jira_manageApps_getEcosystemInstalledApps($cloudId: ID!, $first: Int, $after: String) {
  ecosystem {
    appInstallationsByContext(filter: {appInstallations: {contexts: [$cloudId]}}, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id app { id name vendorName } appEnvironment { type } license { active type } }
    }
  }
}`;

type Entry = (f: Fixture) => ContractRequest | ContractRequest[];

const none: Entry = () => ({});
const anonymousToo: Entry = () => [{}, { label: 'as anonymous', as: 'anonymous' }];
const asMember: ContractRequest = { label: 'as a member', as: 'member' };
const asAccessToken: ContractRequest = { label: 'with a workspace access token', as: 'access-token' };
/** The same request for a listed Forge app (Connect is the fixture's `addonKey`). */
const forgeApp = (f: Fixture, query: Record<string, string>): ContractRequest[] =>
  f.forgeAddonKey
    ? [{ label: 'of a Forge app', as: 'anonymous', params: { addonKey: f.forgeAddonKey }, query }]
    : [];

export const requests: Record<string, Entry> = {
  // Data Center (the tiny tenant's clean DC sites): members of each product's users group.
  'dc.jira.groupMembers.list': () => ({ query: { groupname: 'jira-software-users' } }),
  'dc.confluence.groupMembers.list': () => ({ params: { groupName: 'confluence-users' } }),
  'admin.orgs.list': none,
  'admin.orgs.get': none,
  'admin.users.list': none,
  'admin.domains.list': none,
  'admin.domains.get': none,
  'admin.events.list': none,
  'admin.events.get': none,
  'admin.policies.list': none,
  'admin.policies.get': none,
  'admin.directories.list': none,
  // `-` is every directory of the org, as Palisade lists them.
  'admin.directory.users.list': () => ({ params: { directoryId: '-' } }),
  'admin.directory.groups.list': () => ({ params: { directoryId: '-' } }),
  'admin.directory.users.search': () => ({
    params: { directoryId: '-' },
    body: { expand: ['platformRoles', 'counts.resources', 'productAccess'] },
  }),
  'admin.directory.groups.search': () => ({
    params: { directoryId: '-' },
    body: { expand: ['counts.users', 'counts.resources'] },
  }),
  'admin.workspaces.search': () => ({ body: {} }),
  'admin.apiAccess.apiTokens.list': none,
  'admin.apiAccess.apiKeys.list': none,
  'usermgmt.apiTokens.list': none,
  'usermgmt.apiTokens.delete': () => ({ params: { tokenId: DISPOSABLE_TOKEN_ID } }),

  'jira.serverInfo.get': anonymousToo,
  'jira.myself.get': () => [{ query: { expand: 'groups,applicationRoles' } }, asMember],
  'jira.permissions.list': anonymousToo,
  'jira.myPermissions.get': (f): ContractRequest[] => [
    { query: { permissions: 'BROWSE_PROJECTS,USER_PICKER,ADMINISTER' } },
    {
      label: 'as anonymous (the exposure probe)',
      as: 'anonymous',
      query: { permissions: 'BROWSE_PROJECTS,USER_PICKER' },
    },
    {
      label: 'as anonymous, in one project',
      as: 'anonymous',
      query: { permissions: 'BROWSE_PROJECTS,USER_PICKER', projectKey: f.project.key },
    },
    {
      label: 'as a member, in one project',
      as: 'member',
      query: { permissions: 'BROWSE_PROJECTS,ADMINISTER', projectKey: f.project.key },
    },
  ],
  'jira.permissionSchemes.list': () => [
    { query: { expand: 'permissions,user,group,projectRole' } },
    { label: 'with every expansion', query: { expand: 'all' } },
    asMember,
  ],
  'jira.projects.search': (): ContractRequest[] => [
    { query: { expand: 'description,lead,insight' } },
    { label: 'as anonymous (public projects)', as: 'anonymous' },
    { label: 'a first page of two', query: { maxResults: '2' } },
    {
      label: 'as a member, with every expansion',
      as: 'member',
      query: { expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight' },
    },
  ],
  'jira.projectPermissionScheme.get': () => ({ query: { expand: 'permissions' } }),
  'jira.roles.list': none,
  'jira.projectRoles.list': none,
  'jira.projectRole.get': (f) => ({ params: { id: f.roleId } }),
  'jira.applicationRoles.list': none,
  'jira.groups.list': () => [{}, asMember],
  'jira.groupMembers.list': (f): ContractRequest[] => [
    { query: { groupId: f.groupId, includeInactiveUsers: 'true' } },
    { label: 'by group name', query: { groupname: f.groupName } },
  ],
  'jira.users.search': (f) => [
    {},
    ...(f.userPickerSiteId
      ? [
          {
            label: 'as anonymous where anonymous may pick users',
            as: 'anonymous' as const,
            siteId: f.userPickerSiteId,
          },
        ]
      : []),
  ],
  'jira.license.get': () => [{}, asMember],
  'jira.auditRecords.list': none,
  'jira.configuration.get': () => [{}, asMember],
  'jira.applicationProperties.list': none,
  'jira.filters.search': (): ContractRequest[] => [
    {
      query: {
        expand: 'description,owner,jql,sharePermissions,editPermissions',
        overrideSharePermissions: 'true',
      },
    },
    { label: 'as anonymous (public filters)', as: 'anonymous', query: { expand: 'sharePermissions' } },
    {
      label: 'with every expansion',
      query: {
        expand:
          'description,favourite,favouritedCount,jql,owner,searchUrl,sharePermissions,editPermissions,isWritable,subscriptions,viewUrl',
      },
    },
    // The member sees the shares of the filter shared every way (tenants.ts) as Jira renders them to them.
    { label: 'as a member', as: 'member', query: { expand: 'sharePermissions' } },
  ],
  'jira.dashboards.search': () => [
    { query: { expand: 'description,owner,sharePermissions,editPermissions' } },
    {
      label: 'as a member, with every expansion',
      as: 'member',
      query: {
        expand:
          'description,owner,viewUrl,favourite,favouritedCount,sharePermissions,editPermissions,isWritable',
      },
    },
  ],
  'jira.issueSecuritySchemes.list': none,
  'jira.fields.search': () => [
    { query: { expand: 'key,lastUsed,searcherKey' } },
    { label: 'as a member', as: 'member', query: { expand: 'key,stableId,isLocked,lastUsed' } },
  ],

  'confluence.spaces.list': anonymousToo,
  'confluence.spacePermissions.list': (f) => ({ params: { id: f.space.id } }),
  'confluence.spacesWithPermissions.list': () => [
    { query: { expand: 'permissions' } },
    { label: 'as anonymous', as: 'anonymous', query: { expand: 'permissions' } },
  ],
  'confluence.groups.list': none,
  'confluence.groupMembers.list': none,
  'confluence.auditRecords.list': none,
  'confluence.systemInfo.get': none,
  'confluence.currentUser.get': () => [
    { query: { expand: 'operations' } },
    { ...asMember, query: { expand: 'operations' } },
  ],
  'confluence.anonymousUser.get': () => ({ query: { expand: 'operations' } }),

  'graphql.appInstallations.list': (f) => ({
    body: { query: APP_INSTALLATIONS_QUERY, variables: { cloudId: `ari:cloud:jira::site/${f.site.id}` } },
  }),

  // Palisade reads the Marketplace anonymously (public listings).
  'marketplace.addon.get': (f) => [
    { as: 'anonymous', query: { withVersion: 'true', hosting: 'cloud' } },
    { label: 'without its version', as: 'anonymous' },
    ...forgeApp(f, { withVersion: 'true' }),
  ],
  'marketplace.addonLatestVersion.get': (f) => [
    { as: 'anonymous', query: { hosting: 'cloud' } },
    ...forgeApp(f, { hosting: 'cloud' }),
  ],
  'marketplace.addonPrivacy.get': () => ({ as: 'anonymous' }),
  'marketplace.vendor.get': () => ({ as: 'anonymous' }),

  // Bitbucket: as the admin (a workspace owner, Basic) and with the workspace access token (Bearer).
  'bitbucket.user.get': none,
  'bitbucket.workspace.get': () => [{}, asAccessToken, asMember],
  'bitbucket.workspacePermissions.list': () => [{}, asAccessToken, asMember],
  'bitbucket.projects.list': () => [{}, asAccessToken],
  'bitbucket.repositories.list': () => [{}, asAccessToken, asMember],
  'bitbucket.branchRestrictions.list': () => [{}, asAccessToken],
  'bitbucket.branchingModel.get': () => [{}, asAccessToken],
  'bitbucket.repositoryDeployKeys.list': () => [{}, asAccessToken],
  'bitbucket.projectDeployKeys.list': () => [{}, asAccessToken],
  'bitbucket.workspaceHooks.list': () => [{}, asAccessToken],
  'bitbucket.repositoryHooks.list': () => [{}, asAccessToken],
  'bitbucket.workspaceVariables.list': () => [{}, asAccessToken],
  'bitbucket.repositoryVariables.list': () => [{}, asAccessToken],
  'bitbucket.environments.list': () => [{}, asAccessToken],
  'bitbucket.deploymentVariables.list': () => [{}, asAccessToken],
};

/** An error response the generic probes of responses.test.ts cannot provoke, and how to. */
export interface ErrorRequest extends ContractRequest {
  status: string;
  why: string;
}

export const errorRequests: Record<string, (f: Fixture) => ErrorRequest[]> = {
  'admin.events.list': () => [
    { status: '400', why: 'for a `from` that is not a time', query: { from: 'soon' } },
  ],
  'usermgmt.apiTokens.list': (f) =>
    f.unmanagedAccountId
      ? [
          {
            status: '403',
            why: 'for an account the org does not manage',
            params: { accountId: f.unmanagedAccountId },
          },
        ]
      : [],
};

export function requestsFor(endpointId: string, f: Fixture): ContractRequest[] {
  const entry = requests[endpointId];
  if (!entry) return [];
  const made = entry(f);
  return Array.isArray(made) ? made : [made];
}
