import { SimError } from '../http/errors.ts';
import type { Call } from '../http/serve.ts';
import type { JiraSite, Site, User } from '../tenant/model.ts';

/** Who is calling a Jira endpoint, and what Jira makes of them on this site. */
export interface Viewer {
  site: Site;
  jira: JiraSite;
  /** The person or app account behind the credential; undefined for the anonymous user. */
  user: User | undefined;
  role: 'none' | 'user' | 'admin' | 'site-admin';
  /** Holds Jira product access on this site. */
  licensed: boolean;
  /** Holds the Administer Jira global permission (product admins and site admins). */
  admin: boolean;
  /** Holds Jira System Administrators (site admins only). */
  sysAdmin: boolean;
}

export function viewerOf(call: Call): Viewer {
  const site = call.site;
  if (!site?.jira) throw new SimError(404, 'Not found');
  const p = call.principal;
  const user = p.kind === 'basic' || p.kind === 'oauth' ? p.user : undefined;
  const role = user ? call.ctx.state.roleOn(user, site.id, 'jira') : 'none';
  return {
    site,
    jira: site.jira,
    user,
    role,
    licensed: role !== 'none',
    admin: role === 'admin' || role === 'site-admin',
    sysAdmin: role === 'site-admin',
  };
}

/** "Permission to access Jira": an account without Jira product access on the site is refused. */
export function requireJiraAccess(v: Viewer): void {
  if (!v.licensed) throw new SimError(403, 'You do not have permission to access Jira on this site.');
}

/** "Administer Jira global permission". */
export function requireJiraAdmin(v: Viewer): void {
  if (!v.admin) {
    throw new SimError(
      403,
      'You are not authorized to perform this action. Administrator privileges are required.',
    );
  }
}

/** The comma-separated `expand` values, lower-cased for matching. */
export function expandSet(call: Call): Set<string> {
  const raw = call.query.expand;
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return new Set(
    values
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
}

/** A boolean query parameter (`true`/`false`); anything else is a 400 as in Jira. */
export function boolParam(call: Call, name: string, fallback: boolean): boolean {
  const raw = call.query[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return fallback;
  if (value.toLowerCase() === 'true') return true;
  if (value.toLowerCase() === 'false') return false;
  throw new SimError(400, `The value '${value}' is invalid for the parameter '${name}'.`);
}
