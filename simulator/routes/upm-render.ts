import { createHash } from 'node:crypto';
import type { SimState } from '../core/state.ts';
import type { UpmPlugin, UpmProduct } from './upm-plugins.ts';

// UPM's JSON representations, after its Jackson classes (com.atlassian.upm.core.rest.representations):
// PluginSummaryRepresentation in the collection, PluginRepresentation (+ modules, licenseDetails)
// for one plugin, VendorRepresentation `{name, link, marketplaceLink, topVendor}` where `link` is
// the same URI as `marketplaceLink`. Links are context-relative paths, as UPM writes them.

/** The UPM REST root of the product: Confluence lives under the `/wiki` context path. */
export function upmBase(product: UpmProduct): string {
  return product === 'jira' ? '/rest/plugins/1.0/' : '/wiki/rest/plugins/1.0/';
}

function contextPath(product: UpmProduct): string {
  return product === 'jira' ? '' : '/wiki';
}

function pluginUri(product: UpmProduct, key: string): string {
  return `${upmBase(product)}${encodeURIComponent(key)}-key`;
}

function links(product: UpmProduct, p: UpmPlugin): Record<string, string> {
  const self = pluginUri(product, p.key);
  return {
    self,
    'plugin-summary': `${self}/summary`,
    ...(p.optional ? { modify: self } : {}),
    'plugin-icon': `${self}/media/plugin-icon`,
    'plugin-logo': `${self}/media/plugin-logo`,
    manage: `${contextPath(product)}/plugins/servlet/upm?fragment=manage/${encodeURIComponent(p.key)}`,
    ...(p.uninstallable ? { delete: self } : {}),
  };
}

/** One entry of `GET /rest/plugins/1.0/` (PluginSummaryRepresentation field order). */
export function renderSummary(product: UpmProduct, p: UpmPlugin) {
  return {
    enabled: p.enabled,
    links: links(product, p),
    name: p.name,
    version: p.version,
    userInstalled: p.userInstalled,
    optional: p.optional,
    static: false,
    unloadable: false,
    restartState: 'NONE',
    description: p.description,
    key: p.key,
    usesLicensing: p.license !== null,
    remotable: p.remotable,
    vendor: {
      name: p.vendor.name,
      link: p.vendor.url,
      marketplaceLink: p.vendor.url,
      ...(p.vendor.topVendor === undefined ? {} : { topVendor: p.vendor.topVendor }),
    },
    uninstallable: p.uninstallable,
  };
}

/** The modules a plugin of this kind typically declares (UPM lists them on the plugin page). */
function moduleKeys(p: UpmPlugin): { key: string; name: string; description: string }[] {
  switch (p.framework) {
    case 'connect':
      return [
        { key: 'general-page', name: p.name, description: 'Connect general page' },
        {
          key: 'lifecycle-webhooks',
          name: 'Lifecycle webhooks',
          description: 'Install and uninstall callbacks',
        },
      ];
    case 'forge':
      return [{ key: 'forge-app', name: p.name, description: 'Forge app modules' }];
    default:
      return [
        { key: 'rest', name: 'REST resources', description: `REST resources of ${p.name}` },
        { key: 'web-resources', name: 'Web resources', description: `Web resources of ${p.name}` },
      ];
  }
}

/** UPM's license date format, `dd/MMM/yy`. */
function upmDate(ms: number): string {
  const d = new Date(ms);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${String(d.getUTCDate()).padStart(2, '0')}/${month}/${String(d.getUTCFullYear()).slice(-2)}`;
}

function licenseDetails(state: SimState, p: UpmPlugin) {
  const license = p.license;
  if (!license || !p.installation) return undefined;
  const installedAt = Date.parse(p.installation.installedAt);
  // Cloud evaluations run 30 days from install; paid licences renew monthly.
  const expiry = license.evaluation ? installedAt + 30 * 86_400_000 : undefined;
  const sen = Number.parseInt(
    createHash('sha1').update(`${p.installation.siteId}:${p.key}`).digest('hex').slice(0, 8),
    16,
  );
  const installer = state.usersById.get(p.installation.installedBy);
  return {
    valid: license.active,
    evaluation: license.evaluation,
    nearlyExpired: false,
    licenseType: license.type,
    creationDateString: upmDate(installedAt),
    ...(expiry === undefined ? {} : { expiryDate: expiry, expiryDateString: upmDate(expiry) }),
    supportEntitlementNumber: `SEN-L${sen}`,
    organizationName: state.tenant.org.name,
    ...(installer ? { contactEmail: installer.email } : {}),
    enterprise: false,
    dataCenter: false,
    subscription: true,
    active: license.active,
    autoRenewal: !license.evaluation,
    pluginKey: p.key,
  };
}

/** `GET /rest/plugins/1.0/{key}-key`: the summary plus modules and, where licensed, the licence. */
export function renderPlugin(state: SimState, product: UpmProduct, p: UpmPlugin) {
  const self = pluginUri(product, p.key);
  const license = licenseDetails(state, p);
  return {
    ...renderSummary(product, p),
    enabledByDefault: true,
    modules: moduleKeys(p).map((m) => ({
      key: m.key,
      completeKey: `${p.key}:${m.key}`,
      links: { self: `${self}/modules/${encodeURIComponent(m.key)}-key`, plugin: self },
      enabled: p.enabled,
      optional: p.optional,
      name: m.name,
      description: m.description,
      recognisableType: true,
      broken: false,
    })),
    unrecognisedModuleTypes: false,
    ...(license ? { licenseDetails: license, licenseReadOnly: true } : {}),
  };
}
