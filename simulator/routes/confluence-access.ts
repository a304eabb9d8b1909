import { SimError } from '../http/errors.ts';
import type { Call } from '../http/serve.ts';
import type { ConfluenceSite, Site, Space, SpacePermission, User } from '../tenant/model.ts';

// Who may see what in Confluence Cloud. Every endpoint needs the "Can use" global permission
// (product access), anonymous callers see only what anonymous grants allow, and the admin-only
// endpoints need the Confluence Administrator permission.
// https://support.atlassian.com/confluence-cloud/docs/manage-global-permissions/

export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: User; role: 'user' | 'admin' | 'site-admin'; groupIds: ReadonlySet<string> };

/**
 * The site's Confluence; the wrapper already answers 404 on a site without it. The site is looked
 * up in the live state: a site listener holds the record it started with, which a control-API
 * `POST /reset` replaces.
 */
export function confluenceOf(call: Call): { site: Site; confluence: ConfluenceSite } {
  const site = call.site && call.ctx.state.sitesById.get(call.site.id);
  if (!site?.confluence) throw new SimError(404, 'Not found');
  return { site, confluence: site.confluence };
}

/**
 * The caller, once it is known to hold "Can use". A signed-in user without Confluence access gets
 * the 403 Confluence answers with (not a 401: the credentials are fine).
 */
export function viewerOf(call: Call): Viewer {
  const { site } = confluenceOf(call);
  const p = call.principal;
  if (p.kind === 'anonymous') return { kind: 'anonymous' };
  if (p.kind === 'basic' || p.kind === 'oauth') {
    const role = call.ctx.state.roleOn(p.user, site.id, 'confluence');
    if (role === 'none') throw new SimError(403, 'Current user not permitted to use Confluence');
    return {
      kind: 'user',
      user: p.user,
      role,
      groupIds: new Set(call.ctx.state.groupIdsByUser.get(p.user.accountId)),
    };
  }
  throw new SimError(401, 'Client must be authenticated to access this resource.');
}

export function isAdmin(viewer: Viewer): boolean {
  return viewer.kind === 'user' && viewer.role !== 'user';
}

/** 'Confluence Administrator' global permission (the audit log and similar). */
export function requireAdmin(call: Call): Viewer {
  const viewer = viewerOf(call);
  if (!isAdmin(viewer)) {
    throw new SimError(
      403,
      'You are not authorized to perform this action. Confluence Administrator permission is required.',
    );
  }
  return viewer;
}

/** Site-wide anonymous access is on when anonymous holds `use` on `application`. */
export function anonymousAccessOn(confluence: ConfluenceSite): boolean {
  return confluence.anonymousOperations.some((o) => o.operation === 'use' && o.targetType === 'application');
}

function grantsTo(viewer: Viewer, p: SpacePermission): boolean {
  switch (p.subject.type) {
    // Logged-in users hold whatever anonymous holds; unlicensed access is for JSM customers only.
    case 'anonymous':
      return true;
    case 'unlicensed':
      return false;
    case 'user':
      return viewer.kind === 'user' && viewer.user.accountId === p.subject.accountId;
    case 'group':
      return viewer.kind === 'user' && viewer.groupIds.has(p.subject.groupId);
  }
}

/**
 * Whether the viewer may see a space. Anonymous sees spaces with an anonymous `read` grant, and only
 * while site-wide anonymous access is on. Confluence administrators see every space: Palisade reads
 * with an admin account and a space nobody holds `read` on must still show up in its inventory
 * (production would hide it until an admin recovers its permissions).
 */
export function canView(viewer: Viewer, confluence: ConfluenceSite, space: Space): boolean {
  if (isAdmin(viewer)) return true;
  if (viewer.kind === 'anonymous' && !anonymousAccessOn(confluence)) return false;
  return space.permissions.some(
    (p) =>
      p.operation.key === 'read' &&
      p.operation.targetType === 'space' &&
      (viewer.kind === 'anonymous' ? p.subject.type === 'anonymous' : grantsTo(viewer, p)),
  );
}

/** Space permissions are shown to those who may administer the space. */
export function canAdminister(viewer: Viewer, space: Space): boolean {
  if (isAdmin(viewer)) return true;
  if (viewer.kind === 'anonymous') return false;
  return space.permissions.some((p) => p.operation.key === 'administer' && grantsTo(viewer, p));
}
