import { SimError } from '../http/errors.ts';
import { intParam } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { DcSite } from '../tenant/data-center-model.ts';
import { anonymousHolds, dcSiteOf, requireDcAdmin } from './dc-access.ts';

// Confluence Data Center (https://docs.atlassian.com/ConfluenceServer/rest/8.5.0/, and the
// Confluence DC 10 OpenAPI document vendored in spec/atlassian): the application-links manifest
// (its anonymous version answer), the space listing (the anonymous probe), group members and the
// global permissions (10+) are documented; the security configuration and user directories have
// no REST resource — the simulator serves them so the pipeline can be exercised (the catalogue
// says so).

/** `/rest/applinks/1.0/manifest`, JSON when asked (ManifestEntity). */
function manifest(call: Call) {
  const site = dcSiteOf(call);
  return {
    id: site.id,
    name: site.serverTitle,
    typeId: 'confluence',
    version: site.version,
    buildNumber: site.buildNumber,
    applinksVersion: '8.1.6',
    inboundAuthenticationTypes: ['com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider'],
    outboundAuthenticationTypes: ['com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider'],
    publicSignup: site.security.signupMode === 'public',
    // The configured base URL (Server Base URL), whatever address the call came to.
    url: `https://${site.host}`,
    iconUrl: `${call.baseUrl}/images/icons/favicon.png`,
  };
}

/** Confluence Server's start/limit page, links relative to the base URL (no `/wiki` context on DC). */
function startLimitPage<T>(call: Call, items: readonly T[], max: number, render: (item: T) => unknown) {
  const start = intParam(call, 'start', 0);
  const limit = Math.min(intParam(call, 'limit', 25, 1), max);
  const results = items.slice(start, start + limit).map(render);
  const next = start + results.length < items.length;
  const path = new URL(call.url, 'http://x');
  path.searchParams.set('start', String(start + limit));
  path.searchParams.set('limit', String(limit));
  return {
    results,
    start,
    limit,
    size: results.length,
    _links: {
      base: call.baseUrl,
      context: '',
      self: `${call.baseUrl}${new URL(call.url, 'http://x').pathname}`,
      ...(next ? { next: `${path.pathname}${path.search}` } : {}),
    },
  };
}

/** Anonymous callers see the spaces only when anonymous users may use Confluence; otherwise 401. */
function spaces(call: Call) {
  const site = dcSiteOf(call);
  if (call.principal.kind === 'anonymous' && !anonymousHolds(site, 'USECONFLUENCE')) {
    throw new SimError(401, 'This resource requires authentication.');
  }
  return startLimitPage(call, site.spaces, 500, (s) => ({
    id: Number.parseInt(s.key, 36),
    key: s.key,
    name: s.name,
    type: 'global',
    status: 'current',
    _links: { webui: `/display/${s.key}`, self: `${call.baseUrl}/rest/api/space/${s.key}` },
  }));
}

/** Confluence's global permission keys as the REST API's `{targetType, operationKey}` pairs. */
export const CONFLUENCE_OPERATIONS: Record<string, { targetType: string; operationKey: string }> = {
  USECONFLUENCE: { targetType: 'application', operationKey: 'use' },
  ADMINISTRATECONFLUENCE: { targetType: 'application', operationKey: 'administer' },
  SYSTEMADMINISTRATOR: { targetType: 'system', operationKey: 'administer' },
  CREATESPACE: { targetType: 'space', operationKey: 'create' },
  PERSONALSPACE: { targetType: 'personal_space', operationKey: 'create' },
};

/** `GET /rest/api/permissions` (Confluence DC 10): one GlobalPermission per holder and permission. */
function globalPermissions(call: Call) {
  const site = dcSiteOf(call);
  return site.globalPermissions.flatMap((g) => {
    const operation = CONFLUENCE_OPERATIONS[g.permission];
    if (!operation) return [];
    const user = (name: string) => site.users.find((u) => u.name === name);
    return [
      ...g.groups.map((name) => ({ operation, subject: { type: 'group', name, displayName: name } })),
      ...g.users.map((name) => ({
        operation,
        subject: { type: 'user', username: name, displayName: user(name)?.displayName ?? name },
      })),
      ...(g.anonymous ? [{ operation, subject: { type: 'anonymous', displayName: 'Anonymous' } }] : []),
    ];
  });
}

function groupMembers(call: Call) {
  const site = dcSiteOf(call);
  const name = call.params.groupName ?? '';
  if (!site.groups.includes(name)) throw new SimError(404, `No group found with name: ${name}`);
  const members = site.users.filter((u) => u.groups.includes(name));
  return startLimitPage(call, members, 1000, (u) => ({
    type: 'known',
    username: u.name,
    userKey: `8a7f808a${String(site.users.indexOf(u)).padStart(24, '0')}`,
    displayName: u.displayName,
    // Confluence lists deactivated members too; the flag tells them apart.
    status: u.active ? 'current' : 'deactivated',
    _links: { self: `${call.baseUrl}/rest/api/user?username=${encodeURIComponent(u.name)}` },
  }));
}

function securitySettings(site: DcSite) {
  const s = site.security;
  return {
    signupMode: s.signupMode,
    captcha: {
      enabled: s.captchaAfterFailedLogins !== null,
      maximumAuthenticationAttempts: s.captchaAfterFailedLogins,
    },
    webSudo: { enabled: s.webSudoEnabled, timeoutMinutes: s.webSudoTimeoutMinutes },
    rememberMe: { enabled: s.rememberMeEnabled },
    anonymousRemoteApi: s.anonymousRemoteApi,
    externalUserManagement: s.externalUserManagement,
    passwordPolicy: s.passwordPolicy,
    personalAccessTokens: s.accessTokens,
  };
}

function directories(call: Call) {
  return {
    directories: dcSiteOf(call).directories.map((d, i) => ({
      id: d.id,
      name: d.name,
      type: d.type,
      implementation: d.implementation,
      active: d.active,
      order: i + 1,
      secure: d.secure,
    })),
  };
}

export function dcConfluenceRoutes(r: Registrar): void {
  const authorize = requireDcAdmin;
  r.serve('dc.confluence.manifest.get', manifest);
  r.serve('dc.confluence.space.list', spaces);
  r.serve('dc.confluence.globalPermissions.list', globalPermissions, { authorize });
  r.serve('dc.confluence.groupMembers.list', groupMembers, { authorize });
  r.serve('dc.confluence.securitySettings.get', (call) => securitySettings(dcSiteOf(call)), { authorize });
  r.serve('dc.confluence.userDirectories.list', directories, { authorize });
}
