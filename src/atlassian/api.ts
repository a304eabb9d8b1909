import type { EndpointId } from './catalogue/index.ts';
import type { PageItemOf, ReadOf } from './schemas/read-of.ts';
import type { ResponseDrift } from './schemas/response-drift.ts';

// The interface collectors and actions use to talk to Atlassian. One implementation
// (client.ts) adds auth, retries, rate limiting, pagination and response validation; tests may
// pass a recording wrapper. Callers name endpoints by catalogue id, never by URL, and get the
// response typed as it was read (schemas/read-of.ts): `api.pages('jira.users.search')` yields
// pages of users whose `accountId` is a string and whose other fields are `unknown` until checked.

export type { EndpointId } from './catalogue/index.ts';
export type { PageItemOf, ReadOf } from './schemas/read-of.ts';
export type { DriftCount, ResponseDrift } from './schemas/response-drift.ts';

/** A site as the connector knows it: its cloud id and base URL (`https://acme.atlassian.net`). */
export interface SiteRef {
  cloudId: string;
  url: string;
  /**
   * `bitbucket`: a Bitbucket Cloud workspace (`url` `https://bitbucket.org/{workspace}`);
   * `jira-data-center` | `confluence-data-center`: a Data Center instance (`url` its base URL), one product each.
   */
  products: ('jira' | 'confluence' | 'bitbucket' | 'jira-data-center' | 'confluence-data-center')[];
}

/** Bitbucket's web origin: a workspace site's URL is `https://bitbucket.org/{workspace}`. */
export const BITBUCKET_WEB = 'https://bitbucket.org';

/** A Bitbucket workspace as a site: its slug names it in URLs, its uuid is the site id. */
export function bitbucketSite(workspace: { slug: string; uuid: string }): SiteRef {
  return { cloudId: workspace.uuid, url: `${BITBUCKET_WEB}/${workspace.slug}`, products: ['bitbucket'] };
}

/** The workspace slug of a Bitbucket site (the last segment of its URL); the `{workspace}` of every path. */
export function bitbucketWorkspace(site: SiteRef): string {
  return new URL(site.url).pathname.split('/').filter((s) => s.length > 0)[0] ?? '';
}

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

export interface CallOptions {
  /** Required for endpoints on the `site` host: which site to call. */
  site?: SiteRef;
  /** Path parameters, by the catalogue path's `{name}`. */
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  /** JSON body for POST and PUT. */
  body?: unknown;
  /** Call without credentials: the unauthenticated exposure probes. */
  anonymous?: boolean;
  signal?: AbortSignal;
  /**
   * Told what a response held that was not as documented: items left out because a field
   * Palisade relies on was missing (the result lacks them), other differences (kept), errors
   * Atlassian sent beside the data. Not called for a response that matched.
   */
  onDrift?: (drift: ResponseDrift) => void;
}

export interface PageOptions extends CallOptions {
  /** Items per page; default: the endpoint's maximum (fewest calls). */
  pageSize?: number;
  /** A `next` token from an earlier page: continue the walk from there (checkpoint resume). */
  resumeFrom?: string | null;
}

export interface Page<T> {
  items: T[];
  /** Opaque token that resumes the walk at the following page; null on the last page. */
  next: string | null;
}

export interface ApiStats {
  calls: number;
  retries: number;
  rateLimited: number;
}

/** Every call of the connection waits: Atlassian's hourly points quota is spent until `until`. */
export interface ApiPause {
  reason: 'hourly-quota';
  /** Epoch milliseconds when calls resume. */
  until: number;
  /** What Atlassian named: `RateLimit-Reason` (`jira-quota-tenant-based`) or the quota policy. */
  detail: string;
}

export interface AtlassianApi {
  /** One call; the parsed, validated JSON body (undefined for 204), unusable list items left out. */
  call<Id extends EndpointId>(endpointId: Id, options?: CallOptions): Promise<ReadOf<Id>>;
  /** Walks a paginated endpoint page by page, following the endpoint's pagination style. */
  pages<Id extends EndpointId>(endpointId: Id, options?: PageOptions): AsyncIterable<Page<PageItemOf<Id>>>;
  stats(): ApiStats;
  /**
   * Hears each connection-wide pause as it starts or moves later; returns the unsubscribe.
   * Optional: a recording test double has nothing to pause.
   */
  onPause?(listener: (pause: ApiPause) => void): () => void;
}
