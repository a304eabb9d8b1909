import type { SimState } from '../core/state.ts';
import { SimError } from '../http/errors.ts';
import { adminLimit, queryList, queryString } from '../http/paginate.ts';
import type { Call, Query, Registrar } from '../http/serve.ts';
import type { Directory, Group, User } from '../tenant/model.ts';
import { serveAdmin } from './admin-access.ts';
import { v2Page } from './admin-pages.ts';

// Organizations REST API v2 directories. Atlassian publishes no spec for v2; shapes follow the
// reference pages and the jira.js `admin` models generated from them (MultiDirectoryUser,
// MultiDirectoryGroup). https://developer.atlassian.com/cloud/admin/organization/rest/api-group-directory/

/**
 * A repeated filter, as `name=a&name=b`, `name=a,b` or the bracketed `name[]=a` form some
 * clients send for the documented array parameters (`accountStatus[]`, `groupIds[]`, ...).
 */
export function listParam(query: Query, name: string): string[] {
  return [...queryList(query, name), ...queryList(query, `${name}[]`)];
}

/** A request's filter values by name: the list endpoints take them as query parameters, the searches in the body. */
export type Filters = (name: string) => string[];

export const queryFilters =
  (call: Call): Filters =>
  (name) =>
    listParam(call.query, name);

/** The body of a `…/search` POST: a JSON object (or nothing, which is every item). */
export function searchBody(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SimError(400, 'The request body must be a JSON object.', { code: 'ADMIN-400-4' });
  }
  return raw as Record<string, unknown>;
}

/** Body fields as filters: a string or an array of strings; anything else is a 400 naming the field. */
export function bodyFilters(body: Record<string, unknown>): Filters {
  return (name) => {
    const v = body[name];
    if (v === undefined || v === null) return [];
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    throw new SimError(400, `${name} must be a string or a list of strings.`, { code: 'ADMIN-400-4' });
  };
}

/**
 * The directory an account or group lives in. The tenant does not record it, so: accounts
 * provisioned from an identity provider (`managementSource: synced`) and externally managed
 * groups are in the SCIM directory when there is one; everything else is in the Atlassian one.
 */
function directoryFor(state: SimState, fromIdp: boolean): Directory | undefined {
  const dirs = state.tenant.directories;
  return (
    (fromIdp ? dirs.find((d) => d.type === 'scim') : undefined) ??
    dirs.find((d) => d.type === 'atlassian') ??
    dirs[0]
  );
}

export function directoryOfUser(state: SimState, user: User): Directory | undefined {
  return directoryFor(state, user.managementSource === 'synced');
}

export function directoryOfGroup(state: SimState, group: Group): Directory | undefined {
  return directoryFor(state, group.managedBy === 'external');
}

/**
 * The directories a `{directoryId}` path segment selects: `-` means every directory of the org
 * (narrowed by a `directoryIds` filter when given); an unknown id is `ADMIN-404-1`.
 */
export function selectedDirectories(
  call: Call,
  wanted: readonly string[] = listParam(call.query, 'directoryIds'),
): Set<string> {
  const dirs = call.ctx.state.tenant.directories;
  const id = call.params.directoryId ?? '-';
  if (id !== '-') {
    if (!dirs.some((d) => d.directoryId === id)) {
      throw new SimError(404, `Directory ${id} was not found.`, { code: 'ADMIN-404-1' });
    }
    return new Set([id]);
  }
  return new Set(dirs.map((d) => d.directoryId).filter((d) => wanted.length === 0 || wanted.includes(d)));
}

export function directoryRoutes(r: Registrar): void {
  serveAdmin(r, 'admin.directories.list', (call) => {
    const wanted = listParam(call.query, 'directoryIds');
    const term = queryString(call.query, 'searchTerm')?.toLowerCase();
    const dirs = call.ctx.state.tenant.directories.filter(
      (d) =>
        (wanted.length === 0 || wanted.includes(d.directoryId)) &&
        (!term || d.name.toLowerCase().includes(term)),
    );
    const page = v2Page(
      call,
      dirs,
      (d) => ({ directoryId: d.directoryId, name: d.name }),
      queryString(call.query, 'cursor'),
      adminLimit(call),
    );
    return { data: page.data, links: page.links };
  });
}
