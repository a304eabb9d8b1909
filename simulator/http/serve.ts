import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type AuthKind,
  type Endpoint,
  type EndpointId,
  endpoint as lookup,
} from '../../src/atlassian/catalogue/index.ts';
import type { SimContext } from '../core/context.ts';
import type { DcSite } from '../tenant/data-center-model.ts';
import type { Site } from '../tenant/model.ts';
import { authenticate, type Principal, revokeCredential } from './auth.ts';
import { errorBody, reasonPhrase, SimError, scopeMismatch } from './errors.ts';
import { mergeHeaders } from './rate-limit.ts';
import { checkTokenScopes } from './token-scopes.ts';
import { varyAnswer } from './variance.ts';

export type Query = Record<string, string | string[] | undefined>;

/** One call to a simulated endpoint, as its handler sees it. */
export interface Call {
  endpoint: Endpoint;
  ctx: SimContext;
  params: Record<string, string>;
  query: Query;
  body: unknown;
  headers: FastifyRequest['headers'];
  principal: Principal;
  /** The site the call is for (site listeners and `/ex/{product}/{cloudId}`). */
  site: Site | undefined;
  /** The Data Center site the call is for (its own listener). */
  dcSite?: DcSite;
  /** Base URL that self/next links start with: the site URL, or the `/ex/...` prefix for 3LO. */
  baseUrl: string;
  /** The path and query string of this request, as received (for `self` links). */
  url: string;
  now: number;
  /** Extra response headers a handler wants sent (e.g. `Link`). */
  responseHeaders: Record<string, string>;
}

/** A handler's answer: a JSON body (status 200), or an explicit status, body and content type. */
export type Answer = unknown;
export class Respond {
  readonly status: number;
  readonly body: unknown;
  readonly contentType: string;

  constructor(status: number, body: unknown, contentType = 'application/json;charset=UTF-8') {
    this.status = status;
    this.body = body;
    this.contentType = contentType;
  }
}

export interface ServeOptions {
  /** Throws a SimError (403) when the principal may not call this endpoint on this site. */
  authorize?: (call: Call) => void;
  /** Writes are recorded in the counters' write log. */
  write?: boolean;
}

export type Handler = (call: Call) => Answer | Promise<Answer>;

export interface Registrar {
  serve(endpointId: EndpointId, handler: Handler, options?: ServeOptions): void;
}

type SiteResolver = (request: FastifyRequest) => {
  site: Site | undefined;
  baseUrl: string;
  dcSite?: DcSite;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `{param}` → `:param`; a segment like `{pluginKey}-key` keeps its suffix to check at call time. */
function toRoute(path: string): { route: string; suffixes: Map<string, string> } {
  const suffixes = new Map<string, string>();
  const route = path.replace(/\{([^}]+)\}([^/]*)/g, (_m, name: string, suffix: string) => {
    if (suffix) suffixes.set(name, suffix);
    return `:${name}`;
  });
  return { route, suffixes };
}

/** The product a site endpoint belongs to (UPM and GraphQL paths name theirs). */
function siteProduct(e: Endpoint): 'jira' | 'confluence' | undefined {
  if (e.host !== 'site' || e.product === 'graphql') return undefined;
  if (e.product === 'confluence' || e.id.startsWith('upm.confluence')) return 'confluence';
  if (e.id === 'site.tenantInfo.get') return undefined;
  return 'jira';
}

function rateLimitReason(e: Endpoint, limit: 'burst-based' | 'quota-tenant-based' = 'burst-based'): string {
  if (e.product === 'jira' || e.product === 'confluence') return `${e.product}-${limit}`;
  return limit;
}

/** The page size a request asks for (`limit` in a search body or the query, `maxResults`), else the endpoint's default. */
function requestedPageSize(e: Endpoint, body: unknown, query: Query): number {
  const fromBody =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>).limit : undefined;
  const raw = fromBody ?? query.limit ?? query.maxResults;
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(n) && n > 0 ? n : (e.pageSize?.default ?? 0);
}

function sendError(
  ctx: SimContext,
  e: Endpoint,
  hostName: string,
  url: string,
  reply: FastifyReply,
  error: SimError,
  headers = {},
) {
  ctx.counters.record(e.id, error.status, hostName);
  const body = error.body ?? errorBody(e.product, url, error);
  reply
    .code(error.status)
    .headers({ ...headers, ...error.headers })
    .type(error.contentType ?? 'application/json;charset=UTF-8')
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

function register(
  app: FastifyInstance,
  ctx: SimContext,
  hostName: string,
  prefix: string,
  resolveSite: SiteResolver,
  endpointId: string,
  handler: Handler,
  options: ServeOptions,
  allowedAuth?: readonly AuthKind[],
  through: 'site' | 'gateway' | 'bitbucket' = 'site',
): void {
  const e = lookup(endpointId);
  const auth = allowedAuth ?? e.auth;
  ctx.served.add(e.id);
  const { route, suffixes } = toRoute(e.path);
  app.route({
    method: e.method,
    url: prefix + route,
    handler: async (request, reply) => {
      const now = ctx.now();
      const url = request.url;
      let rateHeaders: Record<string, string> = {};
      try {
        const params = { ...(request.params as Record<string, string>) };
        for (const [name, suffix] of suffixes) {
          const value = params[name] ?? '';
          if (!value.endsWith(suffix)) throw new SimError(404, 'Not found');
          params[name] = value.slice(0, -suffix.length);
        }
        const { site, baseUrl, dcSite } = resolveSite(request);
        const product = siteProduct(e);
        if (site && product && !site[product]) throw new SimError(404, 'Not found');
        // A Data Center listener serves one product: the other's REST resources do not exist there.
        if (dcSite && (e.product === 'jira-data-center' || e.product === 'confluence-data-center')) {
          if (e.product !== dcSite.product) throw new SimError(404, 'Not found');
        }
        const principal = authenticate(
          ctx.state,
          request.headers.authorization,
          auth,
          request.socket.remoteAddress ?? 'unknown',
          now,
          through,
        );
        // Confluence's "Anonymous access to remote API" off: every unauthenticated call is a 401
        // (https://support.atlassian.com/confluence-cloud/docs/disable-anonymous-access-to-remote-api/).
        if (
          principal.kind === 'anonymous' &&
          product === 'confluence' &&
          site?.confluence?.anonymousRemoteApi === false
        ) {
          throw new SimError(401, 'Client must be authenticated to access this resource.');
        }

        const limit = ctx.faults.rateLimitFor(e.id);
        if (limit) {
          const verdict = ctx.limiter.take(
            // Burst limits are per tenant: through the 3LO gateway each site has its own bucket.
            `${site ? `site:${site.id}` : hostName}|${principal.credentialId}`,
            limit.perSecond,
            limit.burst,
            rateLimitReason(e),
            // Rate limits are transport, in real time: X-RateLimit-Reset is compared with the
            // client's wall clock, whatever date the tenant's data is served at.
            Date.now(),
            limit.headers,
          );
          rateHeaders = verdict.headers;
          if (!verdict.allowed) throw new SimError(429, 'Rate limit exceeded.', { code: 'ADMIN-429-1' });
        }
        const quota = ctx.faults.hourlyQuotaFor(e.id);
        if (quota) {
          const verdict = ctx.limiter.spendQuota(
            quota.calls,
            quota.windowSeconds,
            quota.enforced,
            rateLimitReason(e, 'quota-tenant-based'),
            Date.now(),
          );
          rateHeaders = mergeHeaders(rateHeaders, verdict.headers);
          if (!verdict.allowed) throw new SimError(429, 'Rate limit exceeded.', { code: 'ADMIN-429-1' });
        }
        if (principal.kind !== 'anonymous' && ctx.faults.countAndCheckRevoke(e.id, principal.credentialId)) {
          revokeCredential(principal);
          throw new SimError(401, 'Client must be authenticated to access this resource.');
        }

        const latency = ctx.faults.latencyFor(e.id);
        if (latency > 0) await sleep(latency);
        const fault = ctx.faults.decide(e.id);
        if (fault.kind === 'hang') {
          ctx.counters.hung++;
          const socket = request.raw.socket;
          ctx.hung.add(socket);
          socket.once('close', () => ctx.hung.delete(socket));
          return reply.hijack();
        }
        if (fault.kind === 'error') {
          throw new SimError(fault.status, reasonPhrase(fault.status));
        }
        const slowAbove = ctx.faults.slowPageAboveFor(e.id);
        if (
          slowAbove !== undefined &&
          requestedPageSize(e, request.body, request.query as Query) > slowAbove
        ) {
          throw new SimError(
            409,
            'The request took longer than 10 seconds to complete. Try again with a smaller limit.',
          );
        }

        if (principal.kind === 'oauth') {
          if (site && !principal.grant.siteIds.includes(site.id)) {
            throw new SimError(401, 'Unauthorized; the token has no access to this site.');
          }
          if (e.oauthScopes.some((s) => !principal.grant.scopes.includes(s))) throw scopeMismatch();
        }

        if (principal.kind === 'basic' && e.host !== 'bitbucket') checkTokenScopes(e, principal.token);
        // A personal access token belongs to the Data Center site that issued it.
        if (principal.kind === 'pat' && principal.site.id !== dcSite?.id) {
          throw new SimError(401, 'Client must be authenticated to access this resource.');
        }

        const call: Call = {
          endpoint: e,
          ctx,
          params,
          query: request.query as Query,
          body: request.body,
          headers: request.headers,
          principal,
          site,
          ...(dcSite ? { dcSite } : {}),
          baseUrl,
          url,
          now,
          responseHeaders: {},
        };
        options.authorize?.(call);
        const answer = await handler(call);
        const status = answer instanceof Respond ? answer.status : 200;
        const variance = status < 300 ? ctx.faults.variance() : undefined;
        const raw = answer instanceof Respond ? answer.body : answer;
        const body = variance ? varyAnswer(variance, e, url, raw) : raw;
        const contentType = answer instanceof Respond ? answer.contentType : 'application/json;charset=UTF-8';
        ctx.counters.record(e.id, status, hostName);
        if (options.write) {
          ctx.counters.writes.push({
            endpointId: e.id,
            method: e.method,
            url,
            at: new Date(now).toISOString(),
            status,
          });
        }
        let payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
        if (fault.kind === 'malformed' && payload.length > 0) {
          ctx.counters.malformed++;
          payload = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
        }
        reply.code(status).headers({ ...rateHeaders, ...call.responseHeaders });
        if (payload) reply.type(contentType);
        return reply.send(payload);
      } catch (error) {
        if (error instanceof SimError) return sendError(ctx, e, hostName, url, reply, error, rateHeaders);
        request.log.error(error);
        return sendError(
          ctx,
          e,
          hostName,
          url,
          reply,
          new SimError(500, 'Internal server error'),
          rateHeaders,
        );
      }
    },
  });
}

/** Registers endpoints served at the root of a listener (one site, or a fixed host). */
export function hostRegistrar(
  app: FastifyInstance,
  ctx: SimContext,
  hostName: string,
  site?: Site,
): Registrar {
  // Look the site up on every call: a control `POST /reset` replaces the tenant's records.
  const resolve: SiteResolver = () => ({
    site: site ? ctx.state.sitesById.get(site.id) : undefined,
    baseUrl: site ? (ctx.urls.sites.get(site.id) ?? '') : hostName === 'api' ? ctx.urls.api : '',
  });
  const through = hostName === 'bitbucket' ? 'bitbucket' : 'site';
  return {
    serve: (id, handler, options = {}) =>
      register(app, ctx, hostName, '', resolve, id, handler, options, undefined, through),
  };
}

/**
 * Registers the gateway routing `api.atlassian.com/ex/{jira|confluence}/{cloudId}/...` for site
 * endpoints that accept OAuth: 3LO bearer tokens, and API tokens with scopes over Basic auth.
 * Other site endpoints (UPM, the GraphQL gateway) are not reachable that way.
 */
export function exRegistrar(app: FastifyInstance, ctx: SimContext): Registrar {
  return {
    serve: (id, handler, options = {}) => {
      const e = lookup(id);
      if (!e.auth.includes('oauth') || e.host !== 'site') return;
      const product = e.product === 'confluence' ? 'confluence' : 'jira';
      const resolve: SiteResolver = (request) => {
        const cloudId = (request.params as Record<string, string>).cloudId ?? '';
        const site = ctx.state.sitesById.get(cloudId);
        if (!site?.[product]) throw new SimError(404, `No ${product} site with cloud id ${cloudId}`);
        return { site, baseUrl: `${ctx.urls.api}/ex/${product}/${cloudId}` };
      };
      // No anonymous calls through /ex: a 3LO token, or Basic with a scoped API token.
      const auth = e.auth.filter((kind) => kind === 'oauth' || kind === 'basic');
      register(app, ctx, 'api', `/ex/${product}/:cloudId`, resolve, id, handler, options, auth, 'gateway');
    },
  };
}

/**
 * Registers Data Center endpoints on a Data Center site's own listener: its base URL is the
 * listener's, and the site is looked up on every call (a control `POST /reset` replaces it).
 */
export function dataCenterRegistrar(app: FastifyInstance, ctx: SimContext, siteId: string): Registrar {
  const resolve: SiteResolver = () => {
    const dcSite = ctx.state.dcSitesById.get(siteId);
    if (!dcSite) throw new SimError(404, 'Not found');
    return { site: undefined, dcSite, baseUrl: ctx.urls.dataCenter.get(siteId) ?? '' };
  };
  return {
    serve: (id, handler, options = {}) => {
      const e = lookup(id);
      // Only Data Center endpoints live on a Data Center listener.
      if (e.host !== 'data-center') return;
      register(app, ctx, `dc:${siteId}`, '', resolve, id, handler, options);
    },
  };
}
