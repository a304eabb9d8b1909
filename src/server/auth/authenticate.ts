import type { FastifyRequest } from 'fastify';
import type { Principal } from '../principal.ts';
import type { ServerDeps } from '../server-deps.ts';

// FOUNDATION PLACEHOLDER — replaced by the people/auth work: resolves the session cookie or the
// bearer token to a principal.
export async function authenticate(_deps: ServerDeps, _request: FastifyRequest): Promise<Principal | null> {
  return null;
}
