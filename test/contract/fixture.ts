import type {
  BitbucketEnvironment,
  BitbucketProject,
  BitbucketRepository,
  BitbucketWorkspace,
} from '../../simulator/tenant/bitbucket-model.ts';
import type { ConfluenceSite, JiraSite, Project, Site, Space, Tenant } from '../../simulator/tenant/model.ts';

// Real identifiers taken from whichever tenant the simulator serves, so a contract request asks
// for things that exist (a domain id, a project key, a listed add-on...) on tiny and generated
// tenants alike. Where there is a choice, the richest record is taken: the largest group, the
// space with the most permissions, so the same fixture also suits the pagination walks.

export interface Fixture {
  tenant: Tenant;
  /** The site the site-host requests go to: one with both Jira and Confluence. */
  site: Site & { jira: JiraSite; confluence: ConfluenceSite };
  orgId: string;
  domainId: string;
  eventId: string;
  policyId: string;
  directoryId: string;
  project: Project;
  /** A project role id that the project has actors in (numeric, as a string). */
  roleId: string;
  space: Space;
  groupId: string;
  groupName: string;
  /** The admin's account id: a managed account with API tokens. */
  accountId: string;
  /** An Atlassian account the org does not manage (its API tokens are not the org's to read). */
  unmanagedAccountId: string | undefined;
  /** A Jira site whose anonymous user may pick users (`USER_PICKER`), when the tenant has one. */
  userPickerSiteId: string | undefined;
  /** An add-on listed on the Marketplace. */
  addonKey: string;
  /** A listed Forge app (its version has `cloud.appScopes`, not Connect permissions). */
  forgeAddonKey: string | undefined;
  vendorId: string;
  /** Bitbucket: the workspace, its richest repository (most branch restrictions), a project with access keys, an environment with variables. */
  bitbucket: {
    workspace: BitbucketWorkspace;
    repository: BitbucketRepository;
    project: BitbucketProject;
    environment: BitbucketEnvironment;
  };
}

function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null)
    throw new Error(`The tenant has no ${what} for the contract tests`);
  return value;
}

const most = <T>(items: readonly T[], size: (item: T) => number): T | undefined =>
  items.reduce<T | undefined>(
    (best, item) => (best === undefined || size(item) > size(best) ? item : best),
    undefined,
  );

export function fixtureOf(tenant: Tenant): Fixture {
  const site = need(
    most(
      tenant.sites.filter((s) => s.jira && s.confluence),
      (s) => s.jira?.projects.length ?? 0,
    ),
    'site with Jira and Confluence',
  ) as Fixture['site'];
  const project = need(
    most(
      site.jira.projects.filter((p) => !p.archived),
      (p) => p.roles.reduce((n, r) => n + r.userIds.length + r.groupIds.length, 0),
    ),
    'Jira project',
  );
  const roleId = String(need(project.roles[0]?.roleId ?? site.jira.roles[0]?.id, 'Jira project role'));
  const space = need(
    most(
      site.confluence.spaces.filter((s) => s.status === 'current'),
      (s) => s.permissions.length,
    ),
    'Confluence space',
  );
  const group = need(
    most(tenant.groups, (g) => g.memberIds.length),
    'group',
  );
  const appOf = (key: string) => tenant.apps.find((a) => a.key === key);
  const listed = tenant.marketplace.listings.filter((l) => appOf(l.appKey)?.listed);
  const listing = need(listed[0], 'listed Marketplace app');
  const workspace = need(tenant.bitbucket?.[0], 'Bitbucket workspace');
  const repository = need(
    most(workspace.repositories, (r) => r.branchRestrictions.length + r.environments.length),
    'Bitbucket repository',
  );
  const bitbucket = {
    workspace,
    repository,
    project: need(
      most(workspace.projects, (p) => p.deployKeys.length),
      'Bitbucket project',
    ),
    environment: need(
      most(repository.environments, (e) => e.variables.length),
      'Bitbucket deployment environment',
    ),
  };
  return {
    tenant,
    site,
    orgId: tenant.org.id,
    domainId: need(tenant.domains[0], 'domain').id,
    eventId: need(tenant.events[0], 'org audit event').id,
    policyId: need(tenant.policies[0], 'policy').id,
    directoryId: need(tenant.directories[0], 'directory').directoryId,
    project,
    roleId,
    space,
    groupId: group.id,
    groupName: group.name,
    accountId: tenant.credentials.adminAccountId,
    unmanagedAccountId: tenant.users.find((u) => u.accountType === 'atlassian' && u.claimStatus !== 'managed')
      ?.accountId,
    userPickerSiteId: tenant.sites.find((s) => s.jira?.anonymousGlobalPermissions.includes('USER_PICKER'))
      ?.id,
    addonKey: listing.appKey,
    forgeAddonKey: listed.find((l) => appOf(l.appKey)?.framework === 'forge')?.appKey,
    vendorId: String(listing.vendorId),
    bitbucket,
  };
}

/**
 * The value for a path parameter, by the name the catalogue path gives it. `id` is ambiguous
 * (a Jira role, a Confluence space), so requests.ts names it per endpoint.
 */
export function pathParam(f: Fixture, name: string): string | undefined {
  const byName: Record<string, string> = {
    orgId: f.orgId,
    domainId: f.domainId,
    eventId: f.eventId,
    policyId: f.policyId,
    directoryId: f.directoryId,
    accountId: f.accountId,
    projectKeyOrId: f.project.key,
    projectIdOrKey: f.project.key,
    groupId: f.groupId,
    addonKey: f.addonKey,
    vendorId: f.vendorId,
    cloudId: f.site.id,
    workspace: f.bitbucket.workspace.slug,
    repo_slug: f.bitbucket.repository.slug,
    project_key: f.bitbucket.project.key,
    environment_uuid: f.bitbucket.environment.uuid,
  };
  return byName[name];
}

/** A value of the right shape that names nothing in the tenant, for the documented 404 bodies. */
export function missingParam(name: string): string {
  const byName: Record<string, string> = {
    accountId: '5b10a2844c20165700dead00',
    projectKeyOrId: 'NOSUCHPROJECT',
    projectIdOrKey: 'NOSUCHPROJECT',
    id: '987654321',
    addonKey: 'com.example.no-such-addon',
    vendorId: '987654321',
    tokenId: 'no-such-token',
  };
  return byName[name] ?? 'f0000000-0000-4000-8000-00000000dead';
}
