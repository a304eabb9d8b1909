import type { Harness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import { type Endpoint, endpoint } from '../catalogue/index.ts';

// Real responses from the simulator (the reference where Atlassian publishes no spec) for the
// schema tests: one or more requests per endpoint, with the query parameters Palisade uses and
// real ids from the tiny tenant. Test support only: nothing in src/ imports it at run time.

export interface SampleRequest {
  /** What the variant shows, for test names. */
  label?: string;
  as?: 'anonymous';
  params?: Record<string, string>;
  /** Query parameters; `{name}` in a value is replaced like a path parameter. */
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Forge and Connect-on-Forge installations, the query docs/atlassian/API.md §c.2 gives. */
const APP_INSTALLATIONS_QUERY = `query apps($cloudId: ID!, $first: Int, $after: String) {
  ecosystem {
    appInstallationsByContext(filter: {appInstallations: {contexts: [$cloudId]}}, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id installationContext app { id name vendorName } appEnvironment { type } license { active type } }
    }
  }
}`;

const anonymousToo: SampleRequest[] = [{}, { label: 'as anonymous', as: 'anonymous' }];

/** The requests per endpoint id (path parameters not given come from `pathParams`). */
export const sampleRequests: Record<string, SampleRequest[]> = {
  'admin.orgs.list': [{}],
  'admin.orgs.get': [{}],
  'admin.users.list': [{}],
  'admin.domains.list': [{}],
  'admin.domains.get': [{}],
  'admin.events.list': [{}],
  'admin.events.get': [{}],
  'admin.policies.list': [{}],
  'admin.policies.get': [{}],
  'admin.directories.list': [{}],
  'admin.directory.users.list': [{ params: { directoryId: '-' } }],
  'admin.directory.groups.list': [{ params: { directoryId: '-' } }],
  'admin.directory.users.search': [
    {
      params: { directoryId: '-' },
      body: { expand: ['platformRoles', 'counts.resources', 'productAccess'] },
    },
  ],
  'admin.directory.groups.search': [
    { params: { directoryId: '-' }, body: { expand: ['counts.users', 'counts.resources'] } },
  ],
  'admin.workspaces.search': [{ body: {} }],
  'admin.apiAccess.apiTokens.list': [{}],
  'admin.apiAccess.apiKeys.list': [{}],
  'usermgmt.apiTokens.list': [{}],
  'jira.serverInfo.get': anonymousToo,
  'jira.myself.get': [{ query: { expand: 'groups,applicationRoles' } }],
  'jira.permissions.list': [{}],
  'jira.myPermissions.get': [
    { query: { permissions: 'BROWSE_PROJECTS,USER_PICKER,ADMINISTER' } },
    { label: 'as anonymous', as: 'anonymous', query: { permissions: 'BROWSE_PROJECTS,USER_PICKER' } },
  ],
  'jira.permissionSchemes.list': [{ query: { expand: 'permissions,user,group,projectRole' } }],
  'jira.projects.search': [
    { query: { expand: 'description,lead,insight', maxResults: '100' } },
    { label: 'as anonymous', as: 'anonymous' },
  ],
  'jira.projectPermissionScheme.get': [{ query: { expand: 'permissions' } }],
  'jira.roles.list': [{}],
  'jira.projectRoles.list': [{}],
  'jira.projectRole.get': [{}],
  'jira.applicationRoles.list': [{}],
  'jira.groups.list': [{ query: { maxResults: '50' } }],
  'jira.groupMembers.list': [{ query: { groupId: '{groupId}', includeInactiveUsers: 'true' } }],
  'jira.users.search': [{ query: { maxResults: '1000' } }],
  'jira.license.get': [{}],
  'jira.auditRecords.list': [{ query: { limit: '1000' } }],
  'jira.configuration.get': [{}],
  'jira.applicationProperties.list': [{}],
  'jira.filters.search': [
    {
      query: {
        expand: 'description,owner,jql,sharePermissions,editPermissions',
        overrideSharePermissions: 'true',
      },
    },
    { label: 'as anonymous', as: 'anonymous', query: { expand: 'sharePermissions' } },
  ],
  'jira.dashboards.search': [{ query: { expand: 'description,owner,sharePermissions,editPermissions' } }],
  'jira.issueSecuritySchemes.list': [{}],
  'jira.fields.search': [{ query: { expand: 'key,lastUsed,searcherKey' } }],
  'site.tenantInfo.get': [{ as: 'anonymous' }],
  'confluence.spaces.list': [{ query: { limit: '250' } }, { label: 'as anonymous', as: 'anonymous' }],
  'confluence.spacePermissions.list': [{ query: { limit: '250' } }],
  'confluence.spacesWithPermissions.list': [
    { query: { expand: 'permissions', limit: '500' } },
    { label: 'as anonymous', as: 'anonymous', query: { expand: 'permissions' } },
  ],
  'confluence.groups.list': [{}],
  'confluence.groupMembers.list': [{}],
  'confluence.auditRecords.list': [{}],
  'confluence.systemInfo.get': [{}],
  'confluence.currentUser.get': [{ query: { expand: 'operations' } }, {}],
  'confluence.anonymousUser.get': [{ query: { expand: 'operations' } }],
  'upm.jira.list': [{}],
  'upm.jira.get': [{}],
  'upm.confluence.list': [{}],
  'upm.confluence.get': [{ params: { pluginKey: 'confluence.macros.advanced' } }],
  'graphql.appInstallations.list': [
    {
      body: {
        query: APP_INSTALLATIONS_QUERY,
        variables: { cloudId: `ari:cloud:jira::site/${TINY.siteA}`, first: 100 },
      },
    },
  ],
  'marketplace.addon.get': [{ as: 'anonymous', query: { withVersion: 'true', hosting: 'cloud' } }],
  'marketplace.addonLatestVersion.get': [{ as: 'anonymous', query: { hosting: 'cloud' } }],
  'marketplace.addonPrivacy.get': [{ as: 'anonymous' }],
  'marketplace.vendor.get': [{ as: 'anonymous' }],
  'dc.jira.serverInfo.get': [{}, { label: 'as anonymous', as: 'anonymous' }],
  'dc.jira.applicationProperties.list': [{}],
  'dc.jira.myPermissions.get': [{}],
  'dc.jira.passwordPolicy.list': [{}],
  'dc.jira.globalPermissions.list': [{}],
  'dc.jira.groupMembers.list': [{ query: { groupname: 'jira-software-users' } }],
  'dc.jira.userPicker.search': [{ query: { query: 'a' } }],
  'dc.jira.userDirectories.list': [{}],
  'dc.confluence.manifest.get': [{ as: 'anonymous' }],
  'dc.confluence.space.list': [{}],
  'dc.confluence.globalPermissions.list': [{}],
  'dc.confluence.groupMembers.list': [{ params: { groupName: 'confluence-users' } }],
  'dc.confluence.securitySettings.get': [{}],
  'dc.confluence.userDirectories.list': [{}],
  'dc.audit.coverage.get': [{}],
  'dc.audit.retention.get': [{}],
  'dc.applinks.list': [{}],
  'dc.upm.plugins.list': [{}],
  'dc.upm.plugin.get': [{ params: { pluginKey: 'com.harbortools.jira-workflow-toolkit' } }],
  'dc.upm.updates.list': [{}],
  'bitbucket.user.get': [{}],
  'bitbucket.workspace.get': [{}],
  'bitbucket.workspacePermissions.list': [{ query: { pagelen: '100' } }],
  'bitbucket.projects.list': [{ query: { pagelen: '100' } }],
  'bitbucket.repositories.list': [
    { query: { pagelen: '100' } },
    { label: 'a second page', query: { pagelen: '1', page: '2' } },
  ],
  'bitbucket.branchRestrictions.list': [{ query: { pagelen: '100' } }],
  'bitbucket.branchingModel.get': [{}],
  'bitbucket.repositoryDeployKeys.list': [{ query: { pagelen: '100' } }],
  'bitbucket.projectDeployKeys.list': [{ query: { pagelen: '100' } }],
  'bitbucket.workspaceHooks.list': [{ query: { pagelen: '100' } }],
  'bitbucket.repositoryHooks.list': [{ query: { pagelen: '100' } }],
  'bitbucket.workspaceVariables.list': [{ query: { pagelen: '100' } }],
  'bitbucket.repositoryVariables.list': [{ query: { pagelen: '100' } }],
  'bitbucket.environments.list': [{ query: { pagelen: '100' } }],
  'bitbucket.deploymentVariables.list': [{ query: { pagelen: '100' } }],
};

/** Path parameter values from the tiny tenant, by the catalogue's `{name}`. */
export function pathParams(h: Harness): Record<string, string> {
  const tenant = h.sim.context.state.tenant;
  const site = tenant.sites.find((s) => s.id === TINY.siteA);
  const project = site?.jira?.projects.find((p) => p.roles.length > 0) ?? site?.jira?.projects[0];
  const listing = tenant.marketplace.listings.find((l) => l.privacy);
  const jiraApp = tenant.installations.find((i) => i.siteId === TINY.siteA && i.product === 'jira');
  const group = [...tenant.groups].sort((a, b) => b.memberIds.length - a.memberIds.length)[0];
  const values: Record<string, string | number | undefined> = {
    orgId: tenant.org.id,
    domainId: tenant.domains[0]?.id,
    eventId: tenant.events[0]?.id,
    policyId: tenant.policies[0]?.id,
    accountId: TINY.admin,
    projectKeyOrId: project?.key,
    projectIdOrKey: project?.key,
    groupId: group?.id,
    pluginKey: jiraApp?.appKey,
    addonKey: listing?.appKey,
    vendorId: listing?.vendorId,
    // Bitbucket: the tiny workspace, its repository `api`, project `CORE`, `api`'s environment.
    workspace: TINY.bitbucketWorkspace,
    repo_slug: 'api',
    project_key: 'CORE',
    environment_uuid: tenant.bitbucket?.[0]?.repositories[0]?.environments[0]?.uuid,
  };
  return Object.fromEntries(
    Object.entries(values)
      .filter((e): e is [string, string | number] => e[1] !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

/** `{id}` is a project role id for Jira and a space id for Confluence. */
function idFor(h: Harness, e: Endpoint): string | undefined {
  const site = h.sim.context.state.tenant.sites.find((s) => s.id === TINY.siteA);
  if (e.product === 'confluence') return site?.confluence?.spaces[0]?.id;
  const project = site?.jira?.projects.find((p) => p.roles.length > 0);
  const roleId = project?.roles[0]?.roleId ?? site?.jira?.roles[0]?.id;
  return roleId === undefined ? undefined : String(roleId);
}

function baseUrl(h: Harness, e: Endpoint): string {
  switch (e.host) {
    case 'site':
      return h.siteA;
    case 'api':
      return h.api;
    case 'marketplace':
      return h.marketplace;
    case 'auth':
      return h.auth;
    case 'data-center':
      return dataCenterSite(h, e).url;
    case 'bitbucket':
      return h.bitbucket;
  }
}

/** The tiny tenant's Data Center site for an endpoint: its product's, Jira's for what both serve. */
function dataCenterSite(h: Harness, e: Endpoint) {
  const product = e.product === 'confluence-data-center' ? 'confluence-data-center' : 'jira-data-center';
  const site = h.sim.info.dataCenterSites.find((s) => s.product === product);
  if (!site) throw new Error(`${e.id}: the tiny tenant serves no ${product} site`);
  return site;
}

function authorization(h: Harness, e: Endpoint, req: SampleRequest): string | undefined {
  if (req.as === 'anonymous') return undefined;
  if (e.auth.includes('pat')) return `Bearer ${dataCenterSite(h, e).credentials.adminToken}`;
  if (e.auth.includes('org-key')) return h.orgKey;
  if (e.auth.includes('basic')) return h.adminBasic;
  return undefined;
}

/** Calls the endpoint on the simulator and returns the parsed JSON body; throws unless 2xx. */
export async function fetchSample(h: Harness, endpointId: string, req: SampleRequest): Promise<unknown> {
  const e = endpoint(endpointId);
  const params = { ...pathParams(h), ...req.params };
  const path = e.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = name === 'id' ? (req.params?.id ?? idFor(h, e)) : params[name];
    if (value === undefined) throw new Error(`${endpointId}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(
    Object.entries(req.query ?? {}).map(([k, v]): [string, string] => [
      k,
      v.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m),
    ]),
  ).toString();
  const auth = authorization(h, e, req);
  const res = await fetch(`${baseUrl(h, e)}${path}${query ? `?${query}` : ''}`, {
    method: e.method,
    headers: {
      accept: 'application/json',
      ...(auth ? { authorization: auth } : {}),
      ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...req.headers,
    },
    ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${endpointId}: ${e.method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text === '' ? undefined : JSON.parse(text);
}
