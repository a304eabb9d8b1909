import { adminEndpoints } from './admin.ts';
import { appEndpoints } from './apps.ts';
import { confluenceEndpoints } from './confluence.ts';
import type { Endpoint } from './endpoint.ts';
import { jiraEndpoints } from './jira.ts';
import { marketplaceEndpoints } from './marketplace.ts';
import { oauthEndpoints } from './oauth.ts';

export type {
  AuthKind,
  Endpoint,
  EndpointHost,
  EndpointProduct,
  OrgKeyRequirement,
  Pagination,
  SpecFile,
} from './endpoint.ts';

export const endpoints: readonly Endpoint[] = [
  ...adminEndpoints,
  ...jiraEndpoints,
  ...confluenceEndpoints,
  ...appEndpoints,
  ...marketplaceEndpoints,
  ...oauthEndpoints,
];

const byId = new Map(endpoints.map((e) => [e.id, e]));

/** The endpoint with this id; throws on an unknown id so a typo fails at start, not at call time. */
export function endpoint(id: string): Endpoint {
  const found = byId.get(id);
  if (!found) throw new Error(`Unknown endpoint id "${id}" (not in src/atlassian/catalogue)`);
  return found;
}
