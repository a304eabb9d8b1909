import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import type { RouteAccess } from '../people/roles.ts';
import { PERMISSIONS } from '../people/roles.ts';
import { RequestError } from './request-error.ts';

// Every route the server answers, as declared: its access and audit action. Checked as each route
// is added, so a route without a declared permission (or `public`), or a state-changing route
// without an audit action, stops the server at start rather than serving unchecked. The role ×
// route matrix test and the fuzz test walk this table, so a new route cannot skip them.

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
  audit: string | undefined;
  schema: FastifySchema | undefined;
  /** The route answers a stream that stays open (Server-Sent Events): walkers must not await its end. */
  stream: boolean;
}

/** Routes of plugins Palisade does not write (the browsable docs' assets): public by their prefix. */
const THIRD_PARTY_PUBLIC_PREFIXES = ['/api/docs'];

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export function trackRoutes(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
    const url = route.url;
    if (THIRD_PARTY_PUBLIC_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`))) {
      route.config = { ...route.config, access: 'public' };
    }
    const access = route.config?.access;
    if (access === undefined || (access !== 'public' && !Object.hasOwn(PERMISSIONS, access))) {
      throw new RequestError(
        'invalid_route',
        `${methods.join(',')} ${url} declares no permission (config.access: a permission of src/people/roles.ts, or 'public')`,
      );
    }
    const audit = route.config?.audit;
    if (methods.some((m) => CHANGES.has(m)) && !audit) {
      throw new RequestError(
        'invalid_route',
        `${methods.join(',')} ${url} changes something but declares no config.audit action`,
      );
    }
    for (const method of methods) {
      // Fastify adds a HEAD twin to every GET route (same handler, same checks): the GET stands for both.
      if (
        method === 'HEAD' &&
        (methods.includes('GET') || table.some((r) => r.method === 'GET' && r.url === url))
      ) {
        continue;
      }
      table.push({ method, url, access, audit, schema: route.schema, stream: route.config?.stream === true });
    }
  });
}
