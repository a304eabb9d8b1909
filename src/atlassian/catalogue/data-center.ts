import type { DeclaredEndpoint, Endpoint } from './endpoint.ts';

// Jira Data Center and Confluence Data Center: one self-hosted product at a base URL the operator
// chooses (and allow-lists), called with a personal access token as `Authorization: Bearer`
// (https://confluence.atlassian.com/enterprise/using-personal-access-tokens-1026032365.html).
// Paths are relative to the base URL, context path included (`https://host/jira`).
//
// Atlassian publishes no OpenAPI document for the Data Center REST APIs that can be vendored (the
// Jira and Confluence Server references are HTML: https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/,
// https://docs.atlassian.com/ConfluenceServer/rest/8.5.0/), so no entry here has a `spec`: the
// response shapes are the zod schemas in ../schemas/data-center.ts, taken from those references.
//
// Where neither product has a REST resource for a fact the checks need (global permission holders,
// user directories, Confluence's security configuration), the entry says so in its `purpose`: the
// simulator serves a documented-looking resource so the pipeline can be exercised, and a real
// instance answers 404 — the collector then records the dataset as unavailable, never as "fine".

type Method = Endpoint['method'];

function dc<const Id extends string, const P extends Endpoint['pagination']>(
  id: Id,
  product: 'jira-data-center' | 'confluence-data-center' | 'data-center' | 'upm',
  method: Method,
  path: string,
  pagination: P,
  purpose: string,
  options: { anonymous?: boolean; pageSize?: { default: number; max: number } } = {},
): DeclaredEndpoint<Id, P> {
  return {
    id,
    host: 'data-center',
    product,
    method,
    path,
    auth: options.anonymous ? ['pat', 'anonymous'] : ['pat'],
    oauthScopes: [],
    pagination,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    purpose,
  };
}

export const dataCenterEndpoints = [
  // Jira Data Center — REST API v2 (https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/).
  dc(
    'dc.jira.serverInfo.get',
    'jira-data-center',
    'GET',
    '/rest/api/2/serverInfo',
    'none',
    'Version, build number, deployment type and base URL (anonymous too: the version check needs no right).',
    { anonymous: true },
  ),
  dc(
    'dc.jira.applicationProperties.list',
    'jira-data-center',
    'GET',
    '/rest/api/2/application-properties',
    'none',
    'Every application property; Administer Jira. Documented keys read: `jira.mode` (public sign-up), ' +
      '`jira.maximum.authentication.attempts.allowed` (CAPTCHA), `jira.option.user.externalmanagement`. ' +
      'WebSudo (`jira.websudo.is.disabled`), remember-me, the password policy and the PAT policy (`atlassian.pats.*`) ' +
      'live outside the application properties on real instances (JVM system properties, jira-config.properties, the ' +
      'Password Policy plugin, whose requirements `/rest/api/2/password/policy` lists as text): the simulator serves them ' +
      'here under those names; a real instance leaves those facts null (unknown).',
  ),
  dc(
    'dc.jira.passwordPolicy.list',
    'jira-data-center',
    'GET',
    '/rest/api/2/password/policy',
    'none',
    "The password policy's requirements as user-facing text (none: no policy); the documented read of whether one is on.",
  ),
  dc(
    'dc.jira.myPermissions.get',
    'jira-data-center',
    'GET',
    '/rest/api/2/mypermissions',
    'none',
    'Which global permissions the token holds (ADMINISTER, SYSTEM_ADMIN): discovery of what the credential may read.',
  ),
  dc(
    'dc.jira.globalPermissions.list',
    'jira-data-center',
    'GET',
    '/rest/api/2/permissions/global',
    'none',
    'Global permission grants with their holders. Jira DC documents no REST read of the holders (only the keys, /rest/api/2/permissions): real instances answer 404 and the dataset is recorded unavailable.',
  ),
  dc(
    'dc.jira.groupMembers.list',
    'jira-data-center',
    'GET',
    '/rest/api/2/group/member',
    'page-bean',
    'Members of the groups holding ADMINISTER and SYSTEM_ADMIN (`groupname`, `includeInactiveUsers`).',
    { pageSize: { default: 50, max: 50 } },
  ),
  dc(
    'dc.jira.userPicker.search',
    'jira-data-center',
    'GET',
    '/rest/api/2/user/picker',
    'none',
    'The unauthenticated user-enumeration probe (CVE-2019-8449): does the picker answer anonymously?',
    { anonymous: true },
  ),
  dc(
    'dc.jira.userDirectories.list',
    'jira-data-center',
    'GET',
    '/rest/api/2/directory',
    'none',
    'User directories in order. No documented Jira DC REST resource: real instances answer 404 and the dataset is recorded unavailable.',
  ),
  // Confluence Data Center — REST API (https://docs.atlassian.com/ConfluenceServer/rest/8.5.0/).
  dc(
    'dc.confluence.manifest.get',
    'confluence-data-center',
    'GET',
    '/rest/applinks/1.0/manifest',
    'none',
    'Version, build number and base URL: Confluence DC has no serverInfo; the application-links manifest is its anonymous answer (Accept: application/json).',
    { anonymous: true },
  ),
  dc(
    'dc.confluence.space.list',
    'confluence-data-center',
    'GET',
    '/rest/api/space',
    'start-limit',
    'The anonymous probe: spaces an unauthenticated request sees (anonymous access on).',
    { anonymous: true, pageSize: { default: 25, max: 500 } },
  ),
  dc(
    'dc.confluence.globalPermissions.list',
    'confluence-data-center',
    'GET',
    '/rest/api/permissions/global',
    'none',
    'Global permission grants with their holders. Confluence DC documents no REST read (JSON-RPC getPermissions is gone in 9.0): real instances answer 404 and the dataset is recorded unavailable.',
  ),
  dc(
    'dc.confluence.groupMembers.list',
    'confluence-data-center',
    'GET',
    '/rest/api/group/{groupName}/member',
    'start-limit',
    'Members of confluence-administrators and the other groups holding the administrator rights.',
    { pageSize: { default: 200, max: 1000 } },
  ),
  dc(
    'dc.confluence.securitySettings.get',
    'confluence-data-center',
    'GET',
    '/rest/api/settings/security',
    'none',
    'Security configuration (sign-up, CAPTCHA, WebSudo, remember-me, anonymous remote API, password policy, PATs). No documented REST resource: real instances answer 404 and the datasets are recorded unavailable.',
  ),
  dc(
    'dc.confluence.userDirectories.list',
    'confluence-data-center',
    'GET',
    '/rest/api/admin/directory',
    'none',
    'User directories in order. No documented Confluence DC REST resource: real instances answer 404 and the dataset is recorded unavailable.',
  ),
  // Both products — atlassian-audit (Jira 8.8+, Confluence 7.5+), root /rest/auditing/1.0
  // (https://developer.atlassian.com/server/framework/atlassian-sdk/rest/api-group-configuration/).
  dc(
    'dc.audit.coverage.get',
    'data-center',
    'GET',
    '/rest/auditing/1.0/configuration/coverage',
    'none',
    'Audit log coverage per area (`levelByArea`: OFF, BASE, ADVANCED, FULL).',
  ),
  dc(
    'dc.audit.retention.get',
    'data-center',
    'GET',
    '/rest/auditing/1.0/configuration/retention',
    'none',
    'How long the database keeps audit events (`period`, an ISO-8601 period such as P3Y).',
  ),
  // Both products — application links (/rest/applinks/1.0).
  dc(
    'dc.applinks.list',
    'data-center',
    'GET',
    '/rest/applinks/1.0/listApplicationlinks',
    'none',
    'Application links with their type, URLs and configured authentication (OAuth, trusted apps, basic).',
  ),
  // Both products — the Universal Plugin Manager
  // (https://developer.atlassian.com/platform/marketplace/upm-rest-api/ and the UPM REST HOWTO:
  // list `Accept: application/vnd.atl.plugins.installed+json`, one plugin
  // `application/vnd.atl.plugins.plugin+json`; PUT with that content type enables or disables;
  // DELETE uninstalls. The `upm-token` response header is needed only to install, which Palisade never does).
  dc(
    'dc.upm.plugins.list',
    'upm',
    'GET',
    '/rest/plugins/1.0/',
    'none',
    'Every installed plugin, system and user-installed.',
  ),
  dc(
    'dc.upm.plugin.get',
    'upm',
    'GET',
    '/rest/plugins/1.0/{pluginKey}-key',
    'none',
    'One plugin with its licence details (user-installed apps that use licensing).',
  ),
  dc(
    'dc.upm.updates.list',
    'upm',
    'GET',
    '/rest/plugins/1.0/available/updates',
    'none',
    "Updates UPM found compatible with this product version (the Marketplace's answer; empty offline).",
  ),
  dc(
    'dc.upm.plugin.update',
    'upm',
    'PUT',
    '/rest/plugins/1.0/{pluginKey}-key',
    'none',
    'Enable or disable a plugin.',
  ),
  dc(
    'dc.upm.plugin.delete',
    'upm',
    'DELETE',
    '/rest/plugins/1.0/{pluginKey}-key',
    'none',
    'Uninstall a plugin.',
  ),
] as const satisfies readonly Endpoint[];
