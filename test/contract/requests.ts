import type { ContractRequest } from './client.ts';
import type { Fixture } from './fixture.ts';

// The successful request the contract tests make to each catalogue endpoint, with the query
// parameters Palisade will use. Path parameters named like fixture fields (orgId, domainId,
// projectIdOrKey, groupId, addonKey...) are filled in from the tenant; give only the rest here.
// Adding an endpoint is one line. Several requests (e.g. as the admin and as anonymous) are
// all checked.

/** An API token the tests may delete (tenants.ts adds it for the admin before the start). */
export const DISPOSABLE_TOKEN_ID = 'tok-contract-disposable';

/** Atlassian's gateway query for Forge and Connect-on-Forge installations (shared/atlassian/API.md c.2). */
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

export const requests: Record<string, Entry> = {
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
  'admin.workspaces.search': () => ({ body: {} }),
  'usermgmt.apiTokens.list': none,
  'usermgmt.apiTokens.delete': () => ({ params: { tokenId: DISPOSABLE_TOKEN_ID } }),

  'jira.serverInfo': anonymousToo,
  'jira.myself': () => ({ query: { expand: 'groups,applicationRoles' } }),
  'jira.permissions': none,
  'jira.mypermissions': () => [
    { query: { permissions: 'BROWSE_PROJECTS,USER_PICKER,ADMINISTER' } },
    {
      label: 'as anonymous (the exposure probe)',
      as: 'anonymous',
      query: { permissions: 'BROWSE_PROJECTS,USER_PICKER' },
    },
  ],
  'jira.permissionSchemes': () => ({ query: { expand: 'permissions,user,group,projectRole' } }),
  'jira.projects': () => [
    { query: { expand: 'description,lead,insight' } },
    { label: 'as anonymous (public projects)', as: 'anonymous' },
  ],
  'jira.projectPermissionScheme': () => ({ query: { expand: 'permissions' } }),
  'jira.roles': none,
  'jira.projectRoles': none,
  'jira.projectRole': (f) => ({ params: { id: f.roleId } }),
  'jira.applicationRoles': none,
  'jira.groups': none,
  'jira.groupMembers': (f) => ({ query: { groupId: f.groupId, includeInactiveUsers: 'true' } }),
  'jira.users': none,
  'jira.license': none,
  'jira.audit': none,
  'jira.configuration': none,
  'jira.applicationProperties': none,
  'jira.filters': (): ContractRequest[] => [
    {
      query: {
        expand: 'description,owner,jql,sharePermissions,editPermissions',
        overrideSharePermissions: 'true',
      },
    },
    { label: 'as anonymous (public filters)', as: 'anonymous', query: { expand: 'sharePermissions' } },
  ],
  'jira.dashboards': () => ({ query: { expand: 'description,owner,sharePermissions,editPermissions' } }),
  'jira.issueSecuritySchemes': none,
  'jira.fields': () => ({ query: { expand: 'key,lastUsed,searcherKey' } }),

  'confluence.spaces': anonymousToo,
  'confluence.spacePermissions': (f) => ({ params: { id: f.space.id } }),
  'confluence.spacesWithPermissions': () => [
    { query: { expand: 'permissions' } },
    { label: 'as anonymous', as: 'anonymous', query: { expand: 'permissions' } },
  ],
  'confluence.groups': none,
  'confluence.groupMembers': none,
  'confluence.audit': none,
  'confluence.systemInfo': none,
  'confluence.anonymousUser': () => ({ query: { expand: 'operations' } }),

  'graphql.appInstallations': (f) => ({
    body: { query: APP_INSTALLATIONS_QUERY, variables: { cloudId: `ari:cloud:jira::site/${f.site.id}` } },
  }),

  // Palisade reads the Marketplace anonymously (public listings).
  'marketplace.addon': () => ({ as: 'anonymous', query: { withVersion: 'true', hosting: 'cloud' } }),
  'marketplace.addonLatestVersion': () => ({ as: 'anonymous', query: { hosting: 'cloud' } }),
  'marketplace.addonPrivacy': () => ({ as: 'anonymous' }),
  'marketplace.vendor': () => ({ as: 'anonymous' }),
};

export function requestsFor(endpointId: string, f: Fixture): ContractRequest[] {
  const entry = requests[endpointId];
  if (!entry) return [];
  const made = entry(f);
  return Array.isArray(made) ? made : [made];
}
