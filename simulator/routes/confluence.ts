import type { Registrar } from '../http/serve.ts';
import { confluenceAuditRoutes } from './confluence-audit.ts';
import { confluenceCurrentUserRoutes } from './confluence-current-user.ts';
import { confluenceGroupRoutes } from './confluence-groups.ts';
import { confluenceSiteRoutes } from './confluence-site.ts';
import { confluenceSpaceRoutes } from './confluence-spaces.ts';
import { confluenceSpaceV1Routes } from './confluence-spaces-v1.ts';

/** Confluence Cloud REST v2 and v1 endpoints of the catalogue (also reachable via 3LO `/ex/confluence`). */
export function confluenceRoutes(r: Registrar): void {
  confluenceSpaceRoutes(r);
  confluenceSpaceV1Routes(r);
  confluenceGroupRoutes(r);
  confluenceAuditRoutes(r);
  confluenceSiteRoutes(r);
  confluenceCurrentUserRoutes(r);
}
