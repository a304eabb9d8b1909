import type { FastifyInstance, FastifyRequest } from 'fastify';
import { allows, RIGHTS } from '../people/roles.ts';
import { authenticate } from './auth/authenticate.ts';
import type { Principal } from './principal.ts';
import { RequestError } from './request-error.ts';
import type { ServerDeps } from './server-deps.ts';

// Who is asking and whether they may: runs on every request before its body is read, so an
// unauthenticated or unauthorised request is refused (401/403) before anything about its input is
// revealed. Cookie sessions also need the CSRF token on every change; bearer tokens do not
// (a browser never sends them on its own).

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A plain HTML form (Palisade's own consent page) cannot set a header: its CSRF token comes as the
 * form field `csrf_token`, checked once the body is parsed. Form posts waiting for that check.
 */
const FORM_CSRF_FIELD = 'csrf_token';
const formCsrfPending = new WeakSet<FastifyRequest>();

export function checkAccess(app: FastifyInstance, deps: ServerDeps): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('auditNote', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    // Unknown routes (the not-found handler) have no access: nothing to check.
    if (access === undefined) return;
    request.principal = await authenticate(deps, request);
    if (access === 'public') return;
    const principal = request.principal;
    if (!principal)
      throw new RequestError(
        'authentication_required',
        'this request needs a signed-in person or an API token',
      );
    if (!SAFE_METHODS.has(request.method)) {
      if (principal.via.kind === 'session' && isFormWithoutHeader(request)) formCsrfPending.add(request);
      else checkCsrf(request, principal);
    }
    if (!allows(principal.role, principal.rights, access)) {
      if ((RIGHTS as readonly string[]).includes(access)) {
        throw new RequestError(
          'right_required',
          `this needs the ${access} right, which an owner or admin grants to a person explicitly (no role includes it)`,
        );
      }
      throw new RequestError(
        'permission_required',
        `the ${principal.role} role may not do this (it needs ${access})`,
      );
    }
  });
  app.addHook('preValidation', async (request) => {
    if (!formCsrfPending.has(request)) return;
    const principal = request.principal;
    const body = request.body;
    const sent =
      body && typeof body === 'object' ? (body as Record<string, unknown>)[FORM_CSRF_FIELD] : undefined;
    if (principal?.via.kind !== 'session' || sent !== principal.via.csrfToken) {
      throw new RequestError(
        'csrf_required',
        `a form posted with the session cookie needs the ${FORM_CSRF_FIELD} field (or the X-CSRF-Token header)`,
      );
    }
  });
}

function isFormWithoutHeader(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return (
    request.headers['x-csrf-token'] === undefined && type.startsWith('application/x-www-form-urlencoded')
  );
}

function checkCsrf(request: FastifyRequest, principal: Principal): void {
  if (principal.via.kind !== 'session') return;
  const sent = request.headers['x-csrf-token'];
  if (sent !== principal.via.csrfToken) {
    throw new RequestError(
      'csrf_required',
      'a change made with the session cookie needs the X-CSRF-Token header',
    );
  }
}
