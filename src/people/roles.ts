import type { Role } from '../db/schema-server.ts';

// Roles, rights and permissions: the one table every route's permission is checked against and
// that docs/server.md lists (generated, `npm run generate`). A role grants a set of permissions;
// a right is granted to a person explicitly by an owner or admin and is never implied by a role —
// as Zscaler's guide says, people not granted revocation rights cannot revoke or ban apps.

export type { Role };

export const ROLES = ['owner', 'admin', 'analyst', 'viewer'] as const satisfies readonly Role[];

/** Rights: granted per person, on top of the role. */
export const RIGHTS = ['apps:revoke'] as const;
export type Right = (typeof RIGHTS)[number];

const ALL: readonly Role[] = ROLES;
const MANAGERS: readonly Role[] = ['owner', 'admin'];
const WORKERS: readonly Role[] = ['owner', 'admin', 'analyst'];

/**
 * Every permission a route may require, what it allows and which roles have it. `apps:revoke` is
 * the right of the same name: no role has it by itself.
 */
export const PERMISSIONS = {
  account: { roles: ALL, description: "one's own session, password and personal API tokens" },
  'connections:read': {
    roles: ALL,
    description: 'see connections, their domains, status, permission check and scan history',
  },
  'scans:run': { roles: WORKERS, description: 'start and cancel scans' },
  'connections:manage': {
    roles: MANAGERS,
    description: 'add, reconnect, edit the credentials of, and delete connections',
  },
  'connections:write-consent': {
    roles: MANAGERS,
    description: 'grant or revoke the write consent a connection needs for app actions',
  },
  'findings:read': {
    roles: ALL,
    description: 'see findings, their history, exceptions, attestations and reports',
  },
  'findings:triage': {
    roles: WORKERS,
    description: 'change the status and assignee of findings, comment on them, dismiss them',
  },
  'exceptions:manage': {
    roles: WORKERS,
    description: 'record and revoke exceptions (accepted risks) and attestations',
  },
  'users:read': { roles: MANAGERS, description: 'see the people, their roles and rights' },
  'users:manage': { roles: MANAGERS, description: 'add people, change their role and rights, remove them' },
  'audit:read': { roles: MANAGERS, description: 'read and export the audit log' },
  'jobs:read': {
    roles: MANAGERS,
    description: "see the job queue's dead letters: jobs that failed every attempt",
  },
  'apps:read': {
    roles: ALL,
    description: 'see the installed apps, their risk, classification, app policies and ban alerts',
  },
  'apps:govern': {
    roles: WORKERS,
    description: "classify apps, override an app's risk score, and manage app policies",
  },
  'notifications:manage': {
    roles: MANAGERS,
    description: 'add, edit, test and delete notification channels (e-mail, Slack, webhooks)',
  },
  'apps:revoke': { roles: [], description: 'disable, uninstall and ban apps (a right, granted per person)' },
} as const satisfies Record<string, { roles: readonly Role[]; description: string }>;

export type Permission = keyof typeof PERMISSIONS;

/** What a route requires: a permission, or `public` (no credential at all). */
export type RouteAccess = Permission | 'public';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether a role ranks at least as high as another (owner > admin > analyst > viewer). */
export function roleAtLeast(role: Role, other: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(other);
}

/** Whether someone with this role and these rights holds the permission. */
export function allows(role: Role, rights: readonly string[], permission: Permission): boolean {
  if ((RIGHTS as readonly string[]).includes(permission)) return rights.includes(permission);
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}
