import { randomUUID } from 'node:crypto';
import { SimError } from '../http/errors.ts';
import { type Call, type Handler, type Registrar, Respond, type ServeOptions } from '../http/serve.ts';
import type { Org } from '../tenant/model.ts';

/**
 * What an org API key needs to call an endpoint:
 * - `any-key`: every valid key of the org, scoped or not;
 * - `unscoped-key`: the endpoint offers no scope, so only a key created without scopes works;
 * - a scope name: an unscoped key, or a scoped key holding that scope.
 */
export type KeyRequirement = 'any-key' | 'unscoped-key' | `${string}:admin`;

// Scopes per endpoint, from https://developer.atlassian.com/cloud/admin/scopes/ (it lists
// read:domains:admin and read:policies:admin) and the v2 reference pages (read:directories:admin,
// read:workspaces:admin). The v1 `/users` list offers no scope: AX-1798 ("users and group endpoints
// are not part of cloud admin scopes") and a scoped key answering 403 there
// (community.atlassian.com/forums/Jira-questions/Organization-API-Key-unable-to-access-the-User-management-APIs/qaq-p/3039088).
// Events: AX-712 reports the v1 page once said "Not supported (use API Key without scopes)";
// the events-stream page now names read:events:admin, which we apply to `/events` as well.
// Orgs: no scope is documented; a key always belongs to one org and may read it, otherwise a
// scoped key could not even find its org id.
const requirements: Record<string, KeyRequirement> = {
  'admin.orgs.list': 'any-key',
  'admin.orgs.get': 'any-key',
  'admin.users.list': 'unscoped-key',
  'admin.domains.list': 'read:domains:admin',
  'admin.domains.get': 'read:domains:admin',
  'admin.events.list': 'read:events:admin',
  'admin.events.get': 'read:events:admin',
  'admin.policies.list': 'read:policies:admin',
  'admin.policies.get': 'read:policies:admin',
  'admin.directories.list': 'read:directories:admin',
  'admin.directory.users.list': 'read:directories:admin',
  'admin.directory.groups.list': 'read:directories:admin',
  'admin.directory.users.search': 'read:directories:admin',
  'admin.directory.groups.search': 'read:directories:admin',
  'admin.workspaces.search': 'read:workspaces:admin',
};

export function requirementOf(endpointId: string): KeyRequirement {
  const requirement = requirements[endpointId];
  if (!requirement) throw new Error(`No org API key requirement declared for ${endpointId}`);
  return requirement;
}

/** Whether the calling key may use an endpoint with this requirement. */
export function keyAllows(call: Call, requirement: KeyRequirement): boolean {
  const p = call.principal;
  if (p.kind !== 'org-key') return false;
  if (p.key.scopes === null || requirement === 'any-key') return true;
  if (requirement === 'unscoped-key') return false;
  return p.key.scopes.includes(requirement);
}

/**
 * The 403 Atlassian sends when the key may not call the resource: the spec's `Error.NoPerms`
 * (`NoPermsError`), with the message observed in production for a scoped key on `/users`.
 */
export function noPermsBody(call: Call) {
  return {
    timestamp: new Date(call.now).toISOString(),
    path: new URL(call.url, 'http://placeholder').pathname,
    status: 403,
    error: 'Forbidden',
    message: 'User has no permission to access resource.',
    requestId: randomUUID(),
  };
}

/** The org named in the path, which must be the key's own org (`ADMIN-404-2` otherwise). */
export function requireOrg(call: Call): Org {
  const org = call.ctx.state.tenant.org;
  if (call.params.orgId !== undefined && call.params.orgId !== org.id) {
    throw new SimError(404, `Organization ${call.params.orgId} was not found.`, { code: 'ADMIN-404-2' });
  }
  return org;
}

/**
 * Registers an admin endpoint behind its key requirement and, for `/orgs/{orgId}/...` paths,
 * the org check: a key without the scope gets the 403 before the org is even looked up.
 */
export function serveAdmin(
  r: Registrar,
  endpointId: string,
  handler: Handler,
  options: ServeOptions = {},
): void {
  const requirement = requirementOf(endpointId);
  r.serve(
    endpointId,
    (call) => {
      if (!keyAllows(call, requirement)) return new Respond(403, noPermsBody(call));
      requireOrg(call);
      return handler(call);
    },
    options,
  );
}
