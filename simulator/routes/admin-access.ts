import { randomUUID } from 'node:crypto';
import { type EndpointId, endpoint, type OrgKeyRequirement } from '../../src/atlassian/catalogue/index.ts';
import { SimError } from '../http/errors.ts';
import { type Call, type Handler, type Registrar, Respond, type ServeOptions } from '../http/serve.ts';
import type { Org } from '../tenant/model.ts';

export type KeyRequirement = OrgKeyRequirement;

// Which keys may call each endpoint is the catalogue's `orgKey` (src/atlassian/catalogue/admin.ts
// cites the scope pages), so the connector names the same scope the simulator checks.
export function requirementOf(endpointId: string): KeyRequirement {
  const requirement = endpoint(endpointId).orgKey;
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
  endpointId: EndpointId,
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
