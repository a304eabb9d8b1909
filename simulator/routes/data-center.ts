import type { Registrar } from '../http/serve.ts';
import { dcConfluenceRoutes } from './dc-confluence.ts';
import { dcJiraRoutes } from './dc-jira.ts';
import { dcSharedRoutes } from './dc-shared.ts';
import { dcUpmRoutes } from './dc-upm.ts';

/**
 * Everything a Data Center site's listener serves: its product's REST API (the other product's
 * paths answer 404 there), the audit configuration, application links and UPM.
 */
export function dataCenterRoutes(r: Registrar): void {
  dcJiraRoutes(r);
  dcConfluenceRoutes(r);
  dcSharedRoutes(r);
  dcUpmRoutes(r);
}
