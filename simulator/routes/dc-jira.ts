import { SimError } from '../http/errors.ts';
import { pageBean, queryString } from '../http/paginate.ts';
import type { Call, Registrar } from '../http/serve.ts';
import type { DcSite } from '../tenant/data-center-model.ts';
import { anonymousHolds, dcSiteOf, dcUserOf, holdersOf, holds, requireDcAdmin } from './dc-access.ts';

// Jira Data Center's REST API v2 (https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0/).
// `serverInfo`, `mypermissions`, `application-properties`, `group/member` and `user/picker` are
// documented resources; `permissions/global` and `directory` are not (Jira DC has no REST read
// of global permission holders or user directories): the simulator serves them so the pipeline
// can be exercised, and says so in the catalogue.

function serverInfo(call: Call) {
  const site = dcSiteOf(call);
  const numbers = site.version.split('.').map(Number);
  return {
    // The configured base URL ("Base URL" in the general configuration), not the address the call
    // came to: a real instance answers with the URL its operator set, whatever proxy or port reached it.
    baseUrl: `https://${site.host}`,
    version: site.version,
    versionNumbers: numbers,
    // Jira says `Server` on Data Center too (the licence, not the REST API, tells them apart).
    deploymentType: 'Server',
    buildNumber: site.buildNumber,
    buildDate: site.buildDate,
    serverTime: new Date(call.now).toISOString().replace('Z', '+0000'),
    scmInfo: 'a1b2c3d4e5f6',
    serverTitle: site.serverTitle,
  };
}

/**
 * `ApplicationProperty` entries (`{id, key, value, name, desc, type, defaultValue}`). `jira.mode`,
 * `jira.maximum.authentication.attempts.allowed` and `jira.option.user.externalmanagement` are
 * real application properties; the WebSudo, remember-me, password-policy and `atlassian.pats.*`
 * entries stand in for settings real Jira keeps elsewhere (system properties, the Password Policy
 * plugin), so the pipeline can be exercised — a real instance's answer lacks them (the catalogue
 * entry says so, and the collectors read their absence as unknown).
 */
function applicationProperties(site: DcSite) {
  const s = site.security;
  const prop = (key: string, value: string, name: string, type: string, defaultValue: string) => ({
    id: key,
    key,
    value,
    name,
    desc: name,
    type,
    defaultValue,
  });
  const p = s.passwordPolicy;
  return [
    prop('jira.title', site.serverTitle, 'Application title', 'string', 'Jira'),
    prop('jira.mode', s.signupMode, 'Mode (public sign-up)', 'string', 'private'),
    prop(
      'jira.maximum.authentication.attempts.allowed',
      s.captchaAfterFailedLogins === null ? '' : String(s.captchaAfterFailedLogins),
      'Maximum authentication attempts allowed (then CAPTCHA)',
      'number',
      '3',
    ),
    prop('jira.websudo.is.disabled', String(!s.webSudoEnabled), 'WebSudo disabled', 'boolean', 'false'),
    prop(
      'jira.websudo.timeout',
      String(s.webSudoTimeoutMinutes),
      'WebSudo timeout (minutes)',
      'number',
      '10',
    ),
    prop('jira.option.rememberme', String(s.rememberMeEnabled), 'Remember my login', 'boolean', 'true'),
    prop(
      'jira.option.user.externalmanagement',
      String(s.externalUserManagement),
      'External user management',
      'boolean',
      'false',
    ),
    prop('jira.password.policy.level', p.level, 'Password policy', 'string', 'basic'),
    prop('jira.password.policy.minimum.length', String(p.minimumLength), 'Minimum length', 'number', '8'),
    prop(
      'jira.password.policy.minimum.uppercase',
      String(p.minimumUppercase),
      'Minimum upper case',
      'number',
      '0',
    ),
    prop(
      'jira.password.policy.minimum.lowercase',
      String(p.minimumLowercase),
      'Minimum lower case',
      'number',
      '0',
    ),
    prop('jira.password.policy.minimum.digits', String(p.minimumDigits), 'Minimum digits', 'number', '0'),
    prop('jira.password.policy.minimum.special', String(p.minimumSpecial), 'Minimum special', 'number', '0'),
    prop(
      'atlassian.pats.enabled',
      String(s.accessTokens.creationEnabled),
      'Personal access tokens',
      'boolean',
      'true',
    ),
    prop(
      'atlassian.pats.eternal.tokens.enabled',
      String(s.accessTokens.eternalAllowed),
      'Tokens without expiry',
      'boolean',
      'true',
    ),
    prop(
      'atlassian.pats.max.expiry.days',
      s.accessTokens.maxExpiryDays === null ? '' : String(s.accessTokens.maxExpiryDays),
      'Maximum token lifetime (days)',
      'number',
      '',
    ),
  ];
}

const GLOBAL_KEYS: Record<string, string> = {
  SYSTEM_ADMIN: 'Jira System Administrators',
  ADMINISTER: 'Jira Administrators',
  USE: 'Jira Users',
  USER_PICKER: 'Browse Users',
  CREATE_SHARED_OBJECTS: 'Create Shared Objects',
  BULK_CHANGE: 'Bulk Change',
};

/** The Password Policy plugin's requirements, in the words Jira shows people (none when off). */
function passwordPolicy(site: DcSite): string[] {
  const p = site.security.passwordPolicy;
  if (p.level === 'disabled') return [];
  const out = [`The password must have at least ${p.minimumLength} characters.`];
  const each: [number, string][] = [
    [p.minimumUppercase, 'uppercase letter'],
    [p.minimumLowercase, 'lowercase letter'],
    [p.minimumDigits, 'digit'],
    [p.minimumSpecial, 'special character'],
  ];
  for (const [n, what] of each)
    if (n > 0) out.push(`The password must contain at least ${n} ${what}${n > 1 ? 's' : ''}.`);
  out.push("The password must not be similar to the user's name or email address.");
  return out;
}

function myPermissions(call: Call) {
  const site = dcSiteOf(call);
  const user = dcUserOf(call);
  const sysadmin = holds(site, user, 'SYSTEM_ADMIN');
  return {
    permissions: Object.fromEntries(
      Object.entries(GLOBAL_KEYS).map(([key, name], i) => [
        key,
        {
          id: String(i + 1),
          key,
          name,
          type: 'GLOBAL',
          description: name,
          // A system administrator holds ADMINISTER too.
          havePermission: holds(site, user, key) || (key === 'ADMINISTER' && sysadmin),
        },
      ]),
    ),
  };
}

function globalPermissions(call: Call) {
  const site = dcSiteOf(call);
  return {
    globalPermissions: site.globalPermissions.map((g) => ({
      permission: g.permission,
      holders: holdersOf(site, g.permission),
    })),
  };
}

function groupMembers(call: Call) {
  const site = dcSiteOf(call);
  const name = queryString(call.query, 'groupname') ?? '';
  if (!site.groups.includes(name)) {
    throw new SimError(404, `Specified group does not exist.`);
  }
  const inactive = queryString(call.query, 'includeInactiveUsers') === 'true';
  const members = site.users.filter((u) => u.groups.includes(name) && (inactive || u.active));
  return pageBean(call, members, (u) => ({
    self: `${call.baseUrl}/rest/api/2/user?username=${encodeURIComponent(u.name)}`,
    name: u.name,
    key: `JIRAUSER${10000 + site.users.indexOf(u)}`,
    emailAddress: u.email,
    displayName: u.displayName,
    active: u.active,
    timeZone: 'Europe/Berlin',
  }));
}

/**
 * The user picker answers anonymous calls only where "Browse users and groups" (USER_PICKER) is
 * granted to Anyone — the user enumeration of CVE-2019-8449; otherwise 401.
 */
function userPicker(call: Call) {
  const site = dcSiteOf(call);
  if (call.principal.kind === 'anonymous' && !anonymousHolds(site, 'USER_PICKER')) {
    throw new SimError(401, 'You are not authenticated. Authentication required to perform this operation.');
  }
  const query = (queryString(call.query, 'query') ?? '').toLowerCase();
  const users = site.users.filter(
    (u) => u.active && (u.name.includes(query) || u.displayName.toLowerCase().includes(query)),
  );
  return {
    users: users.map((u) => ({
      name: u.name,
      key: u.name,
      html: u.displayName,
      displayName: u.displayName,
      avatarUrl: `${call.baseUrl}/secure/useravatar?size=small&avatarId=10122`,
    })),
    total: users.length,
    header: `Showing ${users.length} of ${users.length} matching users`,
  };
}

function directories(call: Call) {
  return dcSiteOf(call).directories.map((d, i) => ({
    id: Number(d.id),
    name: d.name,
    type: d.type,
    implementation: d.implementation,
    active: d.active,
    position: i + 1,
    secure: d.secure,
  }));
}

export function dcJiraRoutes(r: Registrar): void {
  const authorize = requireDcAdmin;
  r.serve('dc.jira.serverInfo.get', serverInfo);
  r.serve('dc.jira.myPermissions.get', myPermissions);
  // Any signed-in user may read the requirements (the change-password form shows them).
  r.serve('dc.jira.passwordPolicy.list', (call) => {
    dcUserOf(call);
    return passwordPolicy(dcSiteOf(call));
  });
  r.serve('dc.jira.applicationProperties.list', (call) => applicationProperties(dcSiteOf(call)), {
    authorize,
  });
  r.serve('dc.jira.globalPermissions.list', globalPermissions, { authorize });
  r.serve('dc.jira.groupMembers.list', groupMembers, { authorize });
  r.serve('dc.jira.userPicker.search', userPicker);
  r.serve('dc.jira.userDirectories.list', directories, { authorize });
}
