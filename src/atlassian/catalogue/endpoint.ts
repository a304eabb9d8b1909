// The shape of one Atlassian endpoint as Palisade knows it. The connector calls endpoints by id
// and the simulator serves them by id, so a path or a pagination style lives in one place only.

/** Which Atlassian host serves the endpoint. */
export type EndpointHost =
  /** `https://{site}.atlassian.net` (and `api.atlassian.com/ex/{product}/{cloudId}` for 3LO). */
  | 'site'
  /** `https://api.atlassian.com`: organization admin API, user management, 3LO helpers. */
  | 'api'
  /** `https://marketplace.atlassian.com`. */
  | 'marketplace'
  /** `https://auth.atlassian.com`: the OAuth 2.0 authorization server. */
  | 'auth'
  /** A Jira or Confluence Data Center base URL the operator chose (the site's `url`). */
  | 'data-center'
  /** `https://api.bitbucket.org`: Bitbucket Cloud's REST API (a workspace is the connection's site). */
  | 'bitbucket';

export type EndpointProduct =
  | 'admin'
  | 'user-management'
  | 'jira'
  | 'confluence'
  | 'upm'
  | 'graphql'
  | 'marketplace'
  | 'oauth'
  | 'jira-data-center'
  | 'confluence-data-center'
  /** Served alike by both Data Center products (audit configuration, application links). */
  | 'data-center'
  | 'bitbucket';

export type AuthKind =
  /** `Authorization: Basic base64(email:api_token)`. */
  | 'basic'
  /** `Authorization: Bearer <org API key>`. */
  | 'org-key'
  /** `Authorization: Bearer <3LO access token>` through `/ex/{product}/{cloudId}`. */
  | 'oauth'
  /** No credentials at all (public reads, unauthenticated probes). */
  | 'anonymous'
  /** `Authorization: Bearer <personal access token>` (Jira and Confluence Data Center). */
  | 'pat'
  /** `Authorization: Bearer <Bitbucket workspace access token>`. */
  | 'access-token';

/**
 * The pagination styles Atlassian uses (see docs/atlassian/API.md §0.2).
 * - `page-bean`: Jira `startAt`/`maxResults` → `{startAt,maxResults,total,isLast,values,nextPage}`.
 * - `start-at-array`: Jira plain arrays; the client stops on a short page.
 * - `jira-audit`: `offset`/`limit` → `{offset,limit,total,records}`.
 * - `cursor-links`: Confluence v2 `cursor`/`limit` → `{results,_links:{next}}` + `Link` header.
 * - `start-limit`: Confluence v1 `start`/`limit` → `{results,start,limit,size,_links:{next}}`.
 * - `admin-cursor`: admin v1 `cursor` → `{data,links:{next}}` (events and policies: `meta.next`).
 * - `admin-v2-cursor`: admin v2 `cursor`/`limit` → `{data,links:{next}}`.
 * - `admin-v2-body-cursor`: admin v2 workspaces, the cursor in the POST body.
 * - `api-access-cursor`: API Access API `cursor`/`pageSize` → `{data,links:{next}}`.
 * - `marketplace-offset`: Marketplace `offset`/`limit` → `_links.next[]`.
 * - `graphql-relay`: `first`/`after` → `pageInfo{hasNextPage,endCursor}`.
 * - `bitbucket-page`: Bitbucket `page`/`pagelen` → `{values,page,pagelen,size,next}`, `next` a full URL.
 * - `none`: one document.
 */
export type Pagination =
  | 'page-bean'
  | 'start-at-array'
  | 'jira-audit'
  | 'cursor-links'
  | 'start-limit'
  | 'admin-cursor'
  | 'admin-v2-cursor'
  | 'admin-v2-body-cursor'
  | 'api-access-cursor'
  | 'marketplace-offset'
  | 'graphql-relay'
  | 'bitbucket-page'
  | 'none';

/**
 * What an org API key needs to call an org-key endpoint. Keys are created with or without scopes
 * (https://support.atlassian.com/organization-administration/docs/manage-an-organization-with-the-admin-apis/):
 * a key without scopes calls every endpoint; a key with scopes only those whose scope it holds.
 * - `any-key`: every valid key of the org, scoped or not (the org itself);
 * - `unscoped-key`: no scope opens the endpoint, so only a key without scopes works;
 * - a scope name: a key without scopes, or a scoped key holding that scope.
 */
export type OrgKeyRequirement = 'any-key' | 'unscoped-key' | `${string}:admin`;

export type SpecFile =
  | 'admin-organizations-v1'
  | 'admin-user-management'
  | 'bitbucket-cloud'
  | 'confluence-rest-v1'
  | 'confluence-rest-v2'
  | 'jira-platform-rest-v3'
  | 'marketplace-rest-v2'
  /** Jira Data Center 10.3 and Confluence Data Center 10.0.3 (test/contract/data-center-spec.test.ts). */
  | 'jira-dc-rest'
  | 'confluence-dc-rest';

export interface Endpoint {
  /**
   * `<product>.<resource>.<operation>` (`jira.users.search`, `admin.domains.list`): the operation
   * (`get`, `list`, `search`, `update`, `delete`, `exchange`) sets it apart from a dataset name
   * (`jira.users`, two segments), which names what Palisade stores, not what it calls.
   */
  id: string;
  host: EndpointHost;
  product: EndpointProduct;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The production path with `{param}` placeholders, exactly as Atlassian serves it. */
  path: string;
  auth: readonly AuthKind[];
  /** Classic 3LO scopes the token needs (any one of the lists' members suffices only where noted). */
  oauthScopes: readonly string[];
  /** Endpoints an org API key calls: which keys may (required exactly when `auth` has `org-key`). */
  orgKey?: OrgKeyRequirement;
  pagination: Pagination;
  /** Page size: Atlassian's default and the largest it honours. */
  pageSize?: { default: number; max: number };
  /**
   * Statuses that mean "this page took too long to build" (the admin `users/search` answers 409
   * past 10 s): the walk asks for the same page again at half the size, down to one item.
   */
  shrinkPageOn?: readonly number[];
  /**
   * Where the official OpenAPI document describes this operation: its response schema is the
   * contract. Absent where Atlassian publishes none (UPM, GraphQL, admin v2, newer Marketplace).
   */
  spec?: { file: SpecFile; path: string; method: 'get' | 'post' | 'put' | 'delete'; status: '200' | '204' };
  /** One sentence on what Palisade reads here and why. */
  purpose: string;
}

/**
 * A catalogue entry as declared: an endpoint whose id and pagination style the compiler knows, so
 * `api.call('jira.users.search')` is checked and typed by its response (src/atlassian/api.ts).
 */
export type DeclaredEndpoint<Id extends string = string, P extends Pagination = Pagination> = Endpoint & {
  readonly id: Id;
  readonly pagination: P;
};

/** The operations an endpoint id may end with. */
export const ENDPOINT_OPERATIONS = ['get', 'list', 'search', 'update', 'delete', 'exchange'] as const;
