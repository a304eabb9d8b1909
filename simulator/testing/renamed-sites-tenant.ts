import type { Tenant } from '../tenant/model.ts';
import { tinyTenant } from './tiny-tenant.ts';

/** Another organization's site (`globex`), served beside the tiny tenant's own. */
export const GLOBEX_CLOUD_ID = 'dead0000-0000-4000-8000-0000000000ff';

/**
 * The tiny tenant with an old name of acme (`acme-old`, redirecting to acme), another org's site
 * (`globex`) and a name that redirects there (`acme-partner`): renamed sites and custom domains.
 */
export function renamedSitesTenant(): Tenant {
  return {
    ...tinyTenant(),
    foreignSites: [{ name: 'globex', cloudId: GLOBEX_CLOUD_ID }],
    redirects: [
      { from: 'acme-old', to: 'acme' },
      { from: 'acme-partner', to: 'globex' },
    ],
  };
}
