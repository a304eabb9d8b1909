import { randomUUID } from 'node:crypto';
import type { SimState } from '../core/state.ts';
import type { App, Installation, Site, User } from '../tenant/model.ts';

// Changes the control API makes to a live tenant between syncs. Each one leaves the traces the
// real change would leave (audit records, app accounts), so what a sync reads stays consistent.

export class MutationError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function findSite(state: SimState, nameOrId: string): Site {
  const site = state.tenant.sites.find((s) => s.id === nameOrId || s.name === nameOrId);
  if (!site) {
    const known = state.tenant.sites.map((s) => s.name).join(', ');
    throw new MutationError(404, `No site "${nameOrId}" (sites: ${known})`);
  }
  return site;
}

function findUserByEmail(state: SimState, email: string): User {
  const user = state.usersByEmail.get(email.toLowerCase());
  if (!user) throw new MutationError(404, `No user with e-mail "${email}"`);
  return user;
}

function findApp(state: SimState, appKey: string): App {
  const app = state.appsByKey.get(appKey);
  if (!app) throw new MutationError(404, `No app with key "${appKey}" in the tenant`);
  return app;
}

function nextJiraAuditId(site: Site): number {
  return (site.jira?.audit.reduce((max, r) => Math.max(max, r.id), 0) ?? 0) + 1;
}

export function auditAppChange(
  state: SimState,
  site: Site,
  product: 'jira' | 'confluence',
  app: App,
  summary: string,
  by: User,
  now: number,
) {
  const at = new Date(now).toISOString();
  if (product === 'jira' && site.jira) {
    site.jira.audit.push({
      id: nextJiraAuditId(site),
      summary,
      created: at,
      category: 'apps',
      eventSource: '',
      authorAccountId: by.accountId,
      remoteAddress: '127.0.0.1',
      objectItem: { id: app.key, name: app.name, typeName: 'PLUGIN' },
      changedValues: [],
    });
  }
  if (product === 'confluence' && site.confluence) {
    site.confluence.audit.push({
      authorAccountId: by.accountId,
      remoteAddress: '127.0.0.1',
      creationDate: now,
      summary,
      description: `${summary}: ${app.name}`,
      category: 'Apps',
      sysAdmin: false,
      affectedObject: { name: app.name, objectType: 'Plugin' },
      changedValues: [],
    });
  }
  state.tenant.events.push({
    id: randomUUID(),
    time: at,
    action: summary === 'App installed' ? 'ecosystem_app_installed' : 'ecosystem_app_uninstalled',
    actor: { id: by.accountId, name: by.name },
    context: [{ id: app.key, type: 'app', attributes: { name: app.name, product, siteId: site.id } }],
    container: [{ id: site.id, type: 'sites', attributes: { siteHostName: `${site.name}.atlassian.net` } }],
    location: { ip: '127.0.0.1', geo: 'local' },
  });
}

export interface InstallRequest {
  appKey: string;
  site: string;
  product: 'jira' | 'confluence';
  installedBy: string;
  userInstalled?: boolean | undefined;
  enabled?: boolean | undefined;
}

/** Installs (or reinstalls) a known app on a site; creates its app account when it has none. */
export function installApp(state: SimState, req: InstallRequest, now: number): Installation {
  const app = findApp(state, req.appKey);
  const site = findSite(state, req.site);
  if (!site[req.product]) throw new MutationError(400, `Site "${site.name}" has no ${req.product}`);
  if (
    state.tenant.installations.some(
      (i) => i.appKey === app.key && i.siteId === site.id && i.product === req.product,
    )
  ) {
    throw new MutationError(409, `App "${app.key}" is already installed on ${site.name} ${req.product}`);
  }
  const by = findUserByEmail(state, req.installedBy);
  let account = state.tenant.users.find((u) => u.accountType === 'app' && u.appKey === app.key);
  if (!account) {
    account = {
      accountId: `557058:${randomUUID()}`,
      accountType: 'app',
      accountStatus: 'active',
      membershipStatus: 'active',
      name: app.name,
      nickname: app.name,
      email: `${app.key}@connect.atlassian.com`,
      emailVerified: false,
      claimStatus: 'unmanaged',
      managementSource: null,
      platformRoles: [],
      mfaEnabled: false,
      addedToOrg: new Date(now).toISOString(),
      lastActive: null,
      jobTitle: null,
      department: null,
      timeZone: 'UTC',
      productAccess: [],
      appKey: app.key,
    };
    state.tenant.users.push(account);
  }
  const installation: Installation = {
    appKey: app.key,
    siteId: site.id,
    product: req.product,
    enabled: req.enabled ?? true,
    userInstalled: req.userInstalled ?? false,
    installedAt: new Date(now).toISOString(),
    installedBy: by.accountId,
    appAccountId: account.accountId,
    license: app.listed ? { active: true, type: 'COMMERCIAL', evaluation: false } : null,
    environment: app.developmentMode ? 'DEVELOPMENT' : 'PRODUCTION',
  };
  state.tenant.installations.push(installation);
  auditAppChange(state, site, req.product, app, 'App installed', by, now);
  state.reindex();
  return installation;
}

/** Removes an app from a site (as if an admin uninstalled it in the UI). */
export function removeApp(
  state: SimState,
  appKey: string,
  siteName: string,
  product: 'jira' | 'confluence',
  now: number,
) {
  const app = findApp(state, appKey);
  const site = findSite(state, siteName);
  const before = state.tenant.installations.length;
  state.tenant.installations = state.tenant.installations.filter(
    (i) => !(i.appKey === appKey && i.siteId === site.id && i.product === product),
  );
  if (state.tenant.installations.length === before) {
    throw new MutationError(404, `App "${appKey}" is not installed on ${site.name} ${product}`);
  }
  const admin = state.usersById.get(state.tenant.credentials.adminAccountId);
  if (admin) auditAppChange(state, site, product, app, 'App uninstalled', admin, now);
}

/** Changes the scopes an app holds (a new version that asks for more, say). */
export function changeAppScopes(state: SimState, appKey: string, scopes: string[], version?: string): App {
  const app = findApp(state, appKey);
  app.scopes = [...scopes];
  if (version) app.version = version;
  else {
    const parts = app.version.split('.');
    const last = Number(parts.at(-1));
    app.version = Number.isInteger(last)
      ? [...parts.slice(0, -1), String(last + 1)].join('.')
      : `${app.version}.1`;
  }
  return app;
}

export type AnonymousAccess =
  | { kind: 'jira-browse'; site: string; schemeId?: number | undefined }
  | { kind: 'jira-user-picker'; site: string }
  | { kind: 'confluence-site'; site: string }
  | { kind: 'confluence-space'; site: string; spaceKey: string }
  | { kind: 'confluence-remote-api'; site: string; enabled: boolean };

/**
 * Opens anonymous access the way an admin would by mistake; `confluence-remote-api` switches
 * Confluence's "Anonymous access to remote API" on or off (off: unauthenticated calls get 401).
 */
export function grantAnonymousAccess(state: SimState, req: AnonymousAccess): string {
  const site = findSite(state, req.site);
  switch (req.kind) {
    case 'jira-browse': {
      if (!site.jira) throw new MutationError(400, `Site "${site.name}" has no Jira`);
      const scheme =
        req.schemeId === undefined
          ? site.jira.permissionSchemes[0]
          : site.jira.permissionSchemes.find((s) => s.id === req.schemeId);
      if (!scheme) throw new MutationError(404, `No permission scheme ${req.schemeId ?? ''} on ${site.name}`);
      const id =
        site.jira.permissionSchemes.flatMap((s) => s.grants).reduce((m, g) => Math.max(m, g.id), 10000) + 1;
      scheme.grants.push({ id, permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } });
      return `Granted BROWSE_PROJECTS to anyone in permission scheme ${scheme.id} (${scheme.name})`;
    }
    case 'jira-user-picker': {
      if (!site.jira) throw new MutationError(400, `Site "${site.name}" has no Jira`);
      if (!site.jira.anonymousGlobalPermissions.includes('USER_PICKER')) {
        site.jira.anonymousGlobalPermissions.push('USER_PICKER');
      }
      return 'Granted the global Browse users and groups permission to anonymous';
    }
    case 'confluence-site': {
      if (!site.confluence) throw new MutationError(400, `Site "${site.name}" has no Confluence`);
      const ops = site.confluence.anonymousOperations;
      if (!ops.some((o) => o.operation === 'use' && o.targetType === 'application')) {
        ops.push({ operation: 'use', targetType: 'application' });
      }
      return 'Granted anonymous "Use Confluence" site-wide';
    }
    case 'confluence-space': {
      if (!site.confluence) throw new MutationError(400, `Site "${site.name}" has no Confluence`);
      const space = site.confluence.spaces.find((s) => s.key === req.spaceKey);
      if (!space) throw new MutationError(404, `No space "${req.spaceKey}" on ${site.name}`);
      space.permissions.push({
        id: String(Date.now()) + String(space.permissions.length),
        subject: { type: 'anonymous' },
        operation: { key: 'read', targetType: 'space' },
      });
      return `Granted anonymous read on space ${space.key}`;
    }
    case 'confluence-remote-api': {
      if (!site.confluence) throw new MutationError(400, `Site "${site.name}" has no Confluence`);
      site.confluence.anonymousRemoteApi = req.enabled;
      return `Anonymous access to remote API ${req.enabled ? 'on' : 'off'}`;
    }
  }
}

export interface NewUser {
  email: string;
  name: string;
  admin?: boolean | undefined;
  mfaEnabled?: boolean | undefined;
}

export function addUser(state: SimState, req: NewUser, now: number): User {
  if (state.usersByEmail.has(req.email.toLowerCase())) {
    throw new MutationError(409, `A user with e-mail "${req.email}" already exists`);
  }
  const domain = req.email.split('@')[1] ?? '';
  const verified = state.tenant.domains.some((d) => d.name === domain && d.claim.status === 'VERIFIED');
  const user: User = {
    accountId: randomUUID().replaceAll('-', '').slice(0, 24),
    accountType: 'atlassian',
    accountStatus: 'active',
    membershipStatus: 'active',
    name: req.name,
    nickname: req.name.split(' ')[0] ?? req.name,
    email: req.email,
    emailVerified: true,
    claimStatus: verified ? 'managed' : 'unmanaged',
    managementSource: verified ? 'invited' : null,
    platformRoles: req.admin ? ['atlassian/org-admin'] : [],
    mfaEnabled: req.mfaEnabled ?? false,
    addedToOrg: new Date(now).toISOString(),
    lastActive: null,
    jobTitle: null,
    department: null,
    timeZone: 'UTC',
    productAccess: state.tenant.sites.flatMap((s) =>
      (['jira', 'confluence'] as const)
        .filter((p) => s[p])
        .map((p) => ({ siteId: s.id, product: p, lastActive: null })),
    ),
  };
  state.tenant.users.push(user);
  state.reindex();
  return user;
}

export function deactivateUser(state: SimState, accountId: string): User {
  const user = state.usersById.get(accountId) ?? state.usersByEmail.get(accountId.toLowerCase());
  if (!user) throw new MutationError(404, `No user "${accountId}"`);
  user.accountStatus = 'inactive';
  return user;
}
