import type { Registrar } from '../http/serve.ts';
import { apiAccessRoutes } from './admin-api-access.ts';
import { directoryRoutes } from './admin-directory.ts';
import { directoryGroupRoutes } from './admin-directory-groups.ts';
import { directoryUserRoutes } from './admin-directory-users.ts';
import { eventRoutes } from './admin-events.ts';
import { orgRoutes } from './admin-orgs.ts';
import { policyRoutes } from './admin-policies.ts';
import { userRoutes } from './admin-users.ts';
import { workspaceRoutes } from './admin-workspaces.ts';

/**
 * The organization admin API on `api.atlassian.com` (Bearer org API key): v1 orgs, users,
 * domains, events and policies; v2 directories, directory users and groups, and workspaces; the
 * API Access API's token and key lists.
 * Each endpoint's key scope is declared in admin-access.ts.
 */
export function adminRoutes(r: Registrar): void {
  orgRoutes(r);
  userRoutes(r);
  eventRoutes(r);
  policyRoutes(r);
  directoryRoutes(r);
  directoryUserRoutes(r);
  directoryGroupRoutes(r);
  workspaceRoutes(r);
  apiAccessRoutes(r);
}
