import type { Dispatcher } from 'undici';
import type {
  ApiStats,
  AtlassianApi,
  CallOptions,
  EndpointId,
  Page,
  PageItemOf,
  PageOptions,
  ReadOf,
} from './api.ts';
import { resolveAuth } from './auth.ts';
import { type Endpoint, endpoint } from './catalogue/index.ts';
import type { Credentials } from './credentials.ts';
import { AtlassianError, type ErrorSite, InvalidCallError } from './errors.ts';
import { createHostPolicy } from './hosts.ts';
import { OAuthSession } from './oauth-session.ts';
import { paginationStyles } from './paginate/index.ts';
import { walkPages } from './paginate/walk.ts';
import { basicValue, createRedactor, safeUrl } from './redact.ts';
import { isEmptyDrift, type ResponseDrift } from './schemas/response-drift.ts';
import { type ResponseCheck, validateResponse } from './schemas/validate-response.ts';
import {
  type ApiResponse,
  DEFAULT_TRANSPORT_OPTIONS,
  Transport,
  type TransportOptions,
} from './transport.ts';
import { ATLASSIAN_BASE_URLS, appendQuery, type BaseUrls, baseUrlFor, fillPath } from './urls.ts';

// The connector: AtlassianApi over the catalogue. One client per connection (tenant): its
// concurrency cap, rate limiters and OAuth session are that tenant's.

/** Checks a body (throws SchemaDriftError when it is unusable); nothing returned: nothing to settle. */
// biome-ignore lint/suspicious/noConfusingVoidType: a test's stand-in validator may return nothing at all.
export type Validate = (endpointId: string, body: unknown) => ResponseCheck | undefined | void;

export interface AtlassianClientDeps {
  credentials: Credentials;
  /** Operator-allowed extra hosts (`PALISADE_ALLOW_HOSTS`, parsed by src/config/env.ts). */
  allowHosts: readonly string[];
  /** Override the fixed Atlassian hosts (the simulator's listeners). */
  baseUrls?: Partial<BaseUrls>;
  /** Response validation (schemas/validate-response.ts); default: the generated and zod schemas. */
  validate?: Validate;
  options?: Partial<TransportOptions>;
  /** Share a connection pool between clients; by default each client owns one. */
  dispatcher?: Dispatcher;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface AtlassianClient extends AtlassianApi {
  /** Closes the client's own connection pool. */
  close(): Promise<void>;
}

// UPM consumes only its own media type for updates
// (https://developer.atlassian.com/server/framework/atlassian-sdk/universal-plugin-manager-rest-api/).
const UPM_PLUGIN_TYPE = 'application/vnd.atl.plugins.plugin+json';
// The gateway rejects queries selecting beta fields (appEnvironmentVersion) without this opt-in;
// it is harmless on queries that do not (docs/atlassian/API.md §c.2).
const GRAPHQL_BETA = { 'X-ExperimentalApi': 'AppEnvironmentVersionTrustSignal' };

export function createAtlassianClient(deps: AtlassianClientDeps): AtlassianClient {
  const now = deps.now ?? Date.now;
  const bases: BaseUrls = { ...ATLASSIAN_BASE_URLS, ...deps.baseUrls };
  const validate: Validate = deps.validate ?? validateResponse;
  const creds = deps.credentials;

  let session: OAuthSession | undefined;
  const secrets = (): string[] => {
    const list: string[] = [];
    const site = creds.site;
    if (site?.kind === 'basic') list.push(site.apiToken, basicValue(site.email, site.apiToken));
    if (site?.kind === 'oauth') list.push(site.clientSecret, ...(session?.secrets() ?? []));
    if (creds.orgApiKey) list.push(creds.orgApiKey);
    if (creds.dataCenterToken) list.push(creds.dataCenterToken);
    const bitbucket = creds.bitbucket;
    if (bitbucket?.kind === 'access-token') list.push(bitbucket.token);
    if (bitbucket?.kind === 'basic')
      list.push(bitbucket.apiToken, basicValue(bitbucket.email, bitbucket.apiToken));
    if (creds.siteHostToken) {
      list.push(
        creds.siteHostToken.apiToken,
        basicValue(creds.siteHostToken.email, creds.siteHostToken.apiToken),
      );
    }
    return list;
  };
  const redact = createRedactor(secrets);

  const transport = new Transport({
    options: { ...DEFAULT_TRANSPORT_OPTIONS, ...deps.options },
    policy: createHostPolicy(deps.allowHosts),
    redact,
    now,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.dispatcher ? { dispatcher: deps.dispatcher } : {}),
  });

  if (creds.site?.kind === 'oauth') {
    const tokenEndpoint = endpoint('oauth.token.exchange');
    const tokenUrl = new URL(`${bases.auth.replace(/\/+$/, '')}${tokenEndpoint.path}`);
    session = new OAuthSession({
      credential: creds.site,
      now,
      site: { endpointId: tokenEndpoint.id, method: tokenEndpoint.method, url: safeUrl(tokenUrl) },
      redact,
      exchange: (body) => transport.postOnce(tokenEndpoint, tokenUrl, body),
    });
  }

  /** Resolves credential and URL; throws typed errors before any network traffic. */
  function prepare(e: Endpoint, options: CallOptions) {
    const where: ErrorSite = { endpointId: e.id, method: e.method, url: e.path };
    const auth = resolveAuth(e, options.anonymous === true, creds, session, where);
    const base = baseUrlFor(e, options.site, auth.via, bases);
    if (typeof base !== 'string') throw new InvalidCallError(where, base.problem);
    const path = fillPath(e.path, options.params);
    if (typeof path !== 'string') throw new InvalidCallError(where, path.problem);
    let url: URL;
    try {
      url = new URL(`${base}${path}`);
    } catch {
      throw new InvalidCallError(where, 'the base URL is not a valid URL');
    }
    appendQuery(url, options.query);
    return { auth, url };
  }

  /** Tells the caller what a response held that was not as documented, if anything. */
  function report(drift: ResponseDrift | null | undefined, options: CallOptions): void {
    if (drift && !isEmptyDrift(drift)) options.onDrift?.(drift);
  }

  /**
   * Sends the call and checks its relied-on fields (a SchemaDriftError when the body is unusable);
   * `settle` then leaves out the unusable items, checks the rest and reports the drift. Pages
   * settle after their paging state was read, since leaving items out changes a page's length.
   */
  async function exchange(
    e: Endpoint,
    options: CallOptions,
  ): Promise<{ response: ApiResponse; settle: () => ReadonlySet<unknown> }> {
    const { auth, url } = prepare(e, options);
    const response = await transport.send({
      endpoint: e,
      url,
      body: options.body,
      auth: auth.provider,
      signal: options.signal,
      ...(e.product === 'upm' && e.method === 'PUT' ? { contentType: UPM_PLUGIN_TYPE } : {}),
      ...(e.product === 'graphql' ? { extraHeaders: GRAPHQL_BETA } : {}),
    });
    const check = response.body !== undefined ? validate(e.id, response.body) : undefined;
    return {
      response,
      settle() {
        if (!check) return new Set();
        const settled = check.settle();
        report(settled.drift, options);
        return settled.removed;
      },
    };
  }

  function walk(e: Endpoint, options: PageOptions) {
    const { url } = prepare(e, options);
    return walkPages({
      styleName: e.pagination,
      style: paginationStyles[e.pagination],
      // Always the largest page Atlassian honours unless told otherwise: fewest calls.
      pageSize: options.pageSize ?? e.pageSize?.max,
      callerBody: options.body,
      resumeFrom: options.resumeFrom,
      site: { endpointId: e.id, method: e.method, url: safeUrl(url) },
      shrinkOn: e.shrinkPageOn,
      fetch: async (request) => {
        const { response, settle } = await exchange(e, {
          ...options,
          query: { ...options.query, ...request.query },
          body: request.body ?? options.body,
        });
        return { body: response.body, headers: response.headers, settle };
      },
    });
  }

  /** Every error leaving the client is scrubbed once more, whatever built it. */
  const scrubbed = (error: unknown): unknown =>
    error instanceof AtlassianError ? error.scrub(redact) : error;

  return {
    async call<Id extends EndpointId>(endpointId: Id, options: CallOptions = {}): Promise<ReadOf<Id>> {
      try {
        const { response, settle } = await exchange(endpoint(endpointId), options);
        settle();
        // Validated against the endpoint's schema: what ReadOf promises is what the check held.
        return response.body as ReadOf<Id>;
      } catch (error) {
        throw scrubbed(error);
      }
    },

    async *pages<Id extends EndpointId>(
      endpointId: Id,
      options: PageOptions = {},
    ): AsyncIterable<Page<PageItemOf<Id>>> {
      try {
        for await (const page of walk(endpoint(endpointId), options)) {
          if (page.errors.length > 0) {
            // Atlassian's own words: scrubbed like every text that leaves the client.
            report({ endpointId, skipped: [], warnings: [], errors: page.errors.map(redact) }, options);
          }
          yield { items: page.items as PageItemOf<Id>[], next: page.next };
        }
      } catch (error) {
        throw scrubbed(error);
      }
    },

    stats(): ApiStats {
      return { ...transport.stats };
    },

    onPause: (listener) => transport.onTenantPause((pause) => listener({ reason: 'hourly-quota', ...pause })),

    close: () => transport.close(),
  };
}
