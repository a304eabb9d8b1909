import { adminEndpoints } from './admin.ts';
import { appEndpoints } from './apps.ts';
import { bitbucketEndpoints } from './bitbucket.ts';
import { confluenceEndpoints } from './confluence.ts';
import { dataCenterEndpoints } from './data-center.ts';
import { ENDPOINT_OPERATIONS, type Endpoint } from './endpoint.ts';
import { jiraEndpoints } from './jira.ts';
import { marketplaceEndpoints } from './marketplace.ts';
import { oauthEndpoints } from './oauth.ts';

export type {
  AuthKind,
  DeclaredEndpoint,
  Endpoint,
  EndpointHost,
  EndpointProduct,
  OrgKeyRequirement,
  Pagination,
  SpecFile,
} from './endpoint.ts';
export { ENDPOINT_OPERATIONS };

const declared = [
  ...adminEndpoints,
  ...jiraEndpoints,
  ...confluenceEndpoints,
  ...appEndpoints,
  ...marketplaceEndpoints,
  ...oauthEndpoints,
  ...dataCenterEndpoints,
  ...bitbucketEndpoints,
] as const;

/** Every endpoint Palisade calls (and the simulator serves). */
export const endpoints: readonly Endpoint[] = declared;

/** Every endpoint as declared, its id and pagination style known to the compiler. */
export type CatalogueEndpoint = (typeof declared)[number];
/** The id of a catalogue endpoint: a typo is a compile error, not a call to nowhere. */
export type EndpointId = CatalogueEndpoint['id'];
/** The pagination style of an endpoint, by id. */
export type PaginationOf<Id extends EndpointId> = Extract<CatalogueEndpoint, { id: Id }>['pagination'];

const byId: ReadonlyMap<string, Endpoint> = new Map(endpoints.map((e) => [e.id, e]));

/** Whether a string (a fault rule, an argument) names a catalogue endpoint. */
export function isEndpointId(id: string): id is EndpointId {
  return byId.has(id);
}

/** The endpoint with this id; throws on an unknown id so a typo fails at start, not at call time. */
export function endpoint(id: string): Endpoint {
  const found = byId.get(id);
  if (!found) throw new Error(`Unknown endpoint id "${id}" (not in src/atlassian/catalogue)`);
  return found;
}
