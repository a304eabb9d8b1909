import type { AtlassianApi, SiteRef } from '../../atlassian/api.ts';
import {
  CredentialMissingError,
  CredentialRejectedError,
  ForbiddenError,
  NotFoundError,
} from '../../atlassian/errors.ts';
import type { DataCenterProduct } from '../../inventory/datasets/index.ts';
import {
  type ActionError,
  AppNotRemovableError,
  AtlassianActionError,
  NotDataCenterAdminError,
  WriteCredentialRejectedError,
} from './errors.ts';
import { NOT_REMOVABLE } from './map-error.ts';

// Disable, enable and uninstall a plugin on a Jira or Confluence Data Center site through UPM
// (https://developer.atlassian.com/platform/marketplace/upm-rest-api/): `PUT /rest/plugins/1.0/{key}-key`
// with `{"enabled": …}` as `application/vnd.atl.plugins.plugin+json` (the client sends it for
// every UPM PUT), `DELETE` on the same URL. The client is built from the write credential (a
// Data Center personal access token of an administrator). `runAppAction` runs it for each step of
// a plan on a Data Center site (execute.ts), after the right, the write consent and the plan from
// the snapshot (dc.plugins), and records its outcome like any other.

export type DataCenterPluginAction = 'disable' | 'enable' | 'uninstall';

export interface DataCenterPluginOutcome {
  result: 'succeeded' | 'no_change' | 'not_installed' | 'failed';
  error: ActionError | null;
}

const PRODUCT_NAME: Record<DataCenterProduct, string> = {
  'jira-data-center': 'Jira',
  'confluence-data-center': 'Confluence',
};

/**
 * UPM answers 401 both to a revoked token and to a working token of someone who administers
 * nothing: an authenticated read every user may make tells them apart.
 */
async function tokenWorks(api: AtlassianApi, site: SiteRef, product: DataCenterProduct): Promise<boolean> {
  try {
    if (product === 'jira-data-center') await api.call('dc.jira.myPermissions.get', { site });
    else await api.call('dc.confluence.space.list', { site, query: { limit: 1 } });
    return true;
  } catch {
    return false;
  }
}

async function failureOf(
  error: unknown,
  api: AtlassianApi,
  site: SiteRef,
  product: DataCenterProduct,
  pluginKey: string,
): Promise<DataCenterPluginOutcome> {
  const name = PRODUCT_NAME[product];
  if (error instanceof NotFoundError) return { result: 'not_installed', error: null };
  if (error instanceof ForbiddenError) {
    if (NOT_REMOVABLE.test(error.reason)) {
      return {
        result: 'failed',
        error: new AppNotRemovableError(
          `${pluginKey} on ${site.url} cannot be changed through the Universal Plugin Manager: it is a required system plugin (${error.reason})`,
        ),
      };
    }
    return { result: 'failed', error: new NotDataCenterAdminError(site.url, name, error.reason) };
  }
  if (error instanceof CredentialRejectedError || error instanceof CredentialMissingError) {
    if (error instanceof CredentialRejectedError && (await tokenWorks(api, site, product))) {
      return {
        result: 'failed',
        error: new NotDataCenterAdminError(site.url, name, 'UPM answered 401 to a working token'),
      };
    }
    return { result: 'failed', error: new WriteCredentialRejectedError(site.url) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { result: 'failed', error: new AtlassianActionError('atlassian_error', `${site.url}: ${message}`) };
}

/** One UPM write on one Data Center site; every failure is an outcome, never thrown. */
export async function runDataCenterPluginAction(
  api: AtlassianApi,
  site: SiteRef,
  product: DataCenterProduct,
  action: DataCenterPluginAction,
  pluginKey: string,
): Promise<DataCenterPluginOutcome> {
  const params = { pluginKey };
  try {
    if (action === 'uninstall') {
      await api.call('dc.upm.plugin.delete', { site, params });
      return { result: 'succeeded', error: null };
    }
    const enabled = action === 'enable';
    // Read live: the snapshot may predate the last action; already as asked is "no change".
    const now = await api.call('dc.upm.plugin.get', { site, params });
    if (now.enabled === enabled) return { result: 'no_change', error: null };
    await api.call('dc.upm.plugin.update', { site, params, body: { enabled } });
    return { result: 'succeeded', error: null };
  } catch (error) {
    return failureOf(error, api, site, product, pluginKey);
  }
}
