import { SimError } from '../http/errors.ts';
import type { Call } from '../http/serve.ts';
import type { DcProduct, DcSite, DcUser } from '../tenant/data-center-model.ts';

// Who may do what on a Data Center site: administrators are the holders (through a group or
// directly) of the administrator or system administrator global permission. A plain user's PAT
// works but gets 403 from the admin resources; UPM answers 401 instead (see dc-upm.ts).

/** The global permission keys of the two administrator rights, per product. */
export const ADMIN_PERMISSIONS: Record<DcProduct, { admin: string; systemAdmin: string }> = {
  'jira-data-center': { admin: 'ADMINISTER', systemAdmin: 'SYSTEM_ADMIN' },
  'confluence-data-center': { admin: 'ADMINISTRATECONFLUENCE', systemAdmin: 'SYSTEMADMINISTRATOR' },
};

export function holds(site: DcSite, user: DcUser, permission: string): boolean {
  const grant = site.globalPermissions.find((g) => g.permission === permission);
  if (!grant || !user.active) return false;
  return grant.users.includes(user.name) || grant.groups.some((g) => user.groups.includes(g));
}

/** A system administrator is an administrator too (Jira and Confluence both imply it). */
export function isAdmin(site: DcSite, user: DcUser): boolean {
  const keys = ADMIN_PERMISSIONS[site.product];
  return holds(site, user, keys.admin) || holds(site, user, keys.systemAdmin);
}

/** The site of a call on a Data Center listener. */
export function dcSiteOf(call: Call): DcSite {
  if (!call.dcSite) throw new SimError(404, 'Not found');
  return call.dcSite;
}

/** The signed-in user, or a 401 for an anonymous call. */
export function dcUserOf(call: Call): DcUser {
  if (call.principal.kind !== 'pat') {
    throw new SimError(401, 'Client must be authenticated to access this resource.');
  }
  return call.principal.user;
}

/** Administrators only: anyone else signed in gets 403, an anonymous call 401. */
export function requireDcAdmin(call: Call): void {
  const user = dcUserOf(call);
  if (!isAdmin(dcSiteOf(call), user)) {
    throw new SimError(
      403,
      'You are not authorized to perform this operation. Administrator rights required.',
    );
  }
}

/** Whether anonymous users hold a global permission. */
export function anonymousHolds(site: DcSite, permission: string): boolean {
  return site.globalPermissions.some((g) => g.permission === permission && g.anonymous);
}

/** `{type, parameter}` holders of a grant, the shape Jira's permission grants use. */
export function holdersOf(site: DcSite, permission: string) {
  const grant = site.globalPermissions.find((g) => g.permission === permission);
  if (!grant) return [];
  return [
    ...grant.groups.map((parameter) => ({ type: 'group', parameter })),
    ...grant.users.map((parameter) => ({ type: 'user', parameter })),
    ...(grant.anonymous ? [{ type: 'anyone' }] : []),
  ];
}
