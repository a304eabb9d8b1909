import { type EndpointId, endpoint } from '../../atlassian/catalogue/index.ts';
import { fillPath } from '../../atlassian/urls.ts';
import { isDataCenterProduct } from '../../inventory/datasets/data-center.ts';
import type { ActionSite, InstalledApp, Product } from './installed-apps.ts';
import {
  blockUserInstalledAppsSteps,
  forgeDisableSteps,
  forgeUninstallSteps,
  type ManualSteps,
} from './manual-steps.ts';

// What an action will do, decided from the snapshot before anything is called: one step per site
// and product, each either one UPM request or the manual steps where Atlassian has no API. A dry
// run returns exactly these steps; a real run sends exactly these requests.

/** The media type UPM consumes for updates; the client sends it for every UPM PUT (client.ts). */
export const UPM_PLUGIN_TYPE = 'application/vnd.atl.plugins.plugin+json';

export interface PlannedRequest {
  endpointId: EndpointId;
  method: 'PUT' | 'DELETE';
  /** The URL the write credential (Basic, on the site's own host) is sent to. */
  url: string;
  pluginKey: string;
  contentType?: string;
  body?: { enabled: boolean };
}

export interface ActionStep {
  site: ActionSite;
  /** Null for a site-wide setting (blocking user-installed apps). */
  product: Product | null;
  appKey: string | null;
  appName: string | null;
  framework: InstalledApp['framework'] | null;
  /**
   * `request`: Palisade calls Atlassian; `manual`: an admin must act. A planned request that UPM
   * then refused as a Forge app carries both in its outcome (what was sent, and what to do).
   */
  request?: PlannedRequest;
  manual?: ManualSteps;
}

export type AppStepAction = 'disable' | 'enable' | 'uninstall';

function upmRequest(app: InstalledApp, kind: 'update' | 'delete', enabled?: boolean): PlannedRequest {
  // A Data Center instance's UPM lives at its base URL (context path included), one catalogue
  // entry for both products: https://developer.atlassian.com/platform/marketplace/upm-rest-api/
  const id = isDataCenterProduct(app.product)
    ? (`dc.upm.plugin.${kind}` as const)
    : (`upm.${app.product}.${kind}` as const);
  const e = endpoint(id);
  const path = fillPath(e.path, { pluginKey: app.appKey });
  if (typeof path !== 'string') throw new Error(`${e.id}: ${path.problem}`);
  const method = e.method === 'PUT' ? 'PUT' : 'DELETE';
  return {
    endpointId: id,
    method,
    url: `${app.site.url.replace(/\/+$/, '')}${path}`,
    pluginKey: app.appKey,
    // UPM takes `{"enabled": false}` as well as a whole representation with `enabled` changed
    // (simulator/routes/upm.ts); the short form needs no GET first.
    ...(enabled === undefined ? {} : { contentType: UPM_PLUGIN_TYPE, body: { enabled } }),
  };
}

function stepFor(action: AppStepAction, app: InstalledApp): ActionStep {
  const base: ActionStep = {
    site: app.site,
    product: app.product,
    appKey: app.appKey,
    appName: app.appName,
    framework: app.framework,
  };
  if (action === 'uninstall') {
    // UPM refuses to uninstall Forge apps (403 "… is a Forge app"); there is no other API.
    if (app.framework === 'forge' || !app.inUpm)
      return { ...base, manual: forgeUninstallSteps(app.site.url, app) };
    return { ...base, request: upmRequest(app, 'delete') };
  }
  if (!app.inUpm) return { ...base, manual: forgeDisableSteps(app.site.url, app) };
  return { ...base, request: upmRequest(app, 'update', action === 'enable') };
}

/** One step per installation, in site, product, key order (a stable, readable plan). */
export function planAppSteps(action: AppStepAction, apps: readonly InstalledApp[]): ActionStep[] {
  return [...apps]
    .sort(
      (a, b) =>
        a.site.url.localeCompare(b.site.url) ||
        a.product.localeCompare(b.product) ||
        a.appKey.localeCompare(b.appKey),
    )
    .map((app) => stepFor(action, app));
}

export function planBlockUserInstalledApps(sites: readonly ActionSite[]): ActionStep[] {
  return sites.map((site) => ({
    site,
    product: null,
    appKey: null,
    appName: null,
    framework: null,
    manual: blockUserInstalledAppsSteps(site.url),
  }));
}
