import { createHash, randomBytes } from 'node:crypto';
import { SimError } from '../http/errors.ts';
import { type Call, type Registrar, Respond } from '../http/serve.ts';
import type { DcPlugin, DcSite } from '../tenant/data-center-model.ts';
import { dcSiteOf, isAdmin } from './dc-access.ts';
import { installedType, negotiate, notPermitted, pluginType, requestedEnabled } from './upm-protocol.ts';

// The Universal Plugin Manager on Data Center (https://developer.atlassian.com/platform/marketplace/upm-rest-api/,
// the UPM REST HOWTO): the same resource as on Cloud at the base URL's `/rest/plugins/1.0/`,
// with system plugins, Data Center licences (maintenance dates) and the update check.

const availableType = 'application/vnd.atl.plugins.available+json';
/** Only an administrator's token manages apps (upm-protocol.ts `notPermitted` otherwise). */
function requireManager(call: Call): void {
  const site = dcSiteOf(call);
  if (call.principal.kind !== 'pat' || !isAdmin(site, call.principal.user)) throw notPermitted();
}

const pluginUri = (key: string) => `/rest/plugins/1.0/${encodeURIComponent(key)}-key`;

function summary(p: DcPlugin) {
  const self = pluginUri(p.key);
  return {
    enabled: p.enabled,
    links: {
      self,
      'plugin-summary': `${self}/summary`,
      ...(p.optional ? { modify: self } : {}),
      'plugin-icon': `${self}/media/plugin-icon`,
      manage: `/plugins/servlet/upm?fragment=manage/${encodeURIComponent(p.key)}`,
      ...(p.userInstalled ? { delete: self } : {}),
    },
    name: p.name,
    version: p.version,
    userInstalled: p.userInstalled,
    optional: p.optional,
    static: false,
    unloadable: false,
    restartState: 'NONE',
    description: p.description,
    key: p.key,
    usesLicensing: p.license !== undefined,
    remotable: false,
    vendor: {
      name: p.vendorName,
      ...(p.vendorUrl ? { link: p.vendorUrl, marketplaceLink: p.vendorUrl } : {}),
    },
    uninstallable: p.userInstalled,
  };
}

/** UPM's `dd/MMM/yy` date strings beside the epoch milliseconds. */
function upmDate(ms: number): string {
  const d = new Date(ms);
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  return `${String(d.getUTCDate()).padStart(2, '0')}/${month}/${String(d.getUTCFullYear()).slice(-2)}`;
}

function licenseDetails(site: DcSite, p: DcPlugin, now: number) {
  const l = p.license;
  if (!l) return undefined;
  const expiry = l.expiryDate === null ? undefined : Date.parse(l.expiryDate);
  const maintenance = l.maintenanceExpiryDate === null ? undefined : Date.parse(l.maintenanceExpiryDate);
  const expired = expiry !== undefined && expiry <= now;
  const sen = Number.parseInt(createHash('sha1').update(`${site.id}:${p.key}`).digest('hex').slice(0, 8), 16);
  return {
    valid: l.valid && !expired,
    evaluation: l.evaluation,
    nearlyExpired: expiry !== undefined && !expired && expiry - now < 7 * 86_400_000,
    maximumNumberOfUsers: 500,
    unlimitedNumberOfUsers: false,
    licenseType: l.licenseType,
    ...(expiry === undefined ? {} : { expiryDate: expiry, expiryDateString: upmDate(expiry) }),
    ...(maintenance === undefined
      ? {}
      : { maintenanceExpiryDate: maintenance, maintenanceExpiryDateString: upmDate(maintenance) }),
    supportEntitlementNumber: `SEN-${sen}`,
    organizationName: 'Acme',
    enterprise: false,
    dataCenter: true,
    subscription: expiry !== undefined && !l.evaluation,
    active: !expired,
    autoRenewal: false,
    pluginKey: p.key,
    // UPM names what is wrong with a licence (com.atlassian.upm.api.license.entity.LicenseError).
    ...(expired ? { error: 'EXPIRED' } : {}),
  };
}

function findPlugin(call: Call): DcPlugin {
  const key = call.params.pluginKey ?? '';
  const plugin = dcSiteOf(call).plugins.find((p) => p.key === key);
  if (!plugin) throw new SimError(404, `Plugin with key '${key}' not found`);
  return plugin;
}

function renderPlugin(call: Call, p: DcPlugin) {
  const license = licenseDetails(dcSiteOf(call), p, call.now);
  return {
    ...summary(p),
    enabledByDefault: true,
    modules: [],
    unrecognisedModuleTypes: false,
    ...(license ? { licenseDetails: license, licenseReadOnly: false } : {}),
  };
}

function list(call: Call) {
  const type = negotiate(call, installedType);
  // A fresh CSRF token per listing: installing a plugin must echo it back (Palisade never installs).
  call.responseHeaders['upm-token'] = BigInt.asUintN(63, randomBytes(8).readBigUInt64BE()).toString();
  return new Respond(
    200,
    { plugins: dcSiteOf(call).plugins.map(summary), links: { self: '/rest/plugins/1.0/' } },
    type,
  );
}

/** Updates UPM's Marketplace check found for this product version: installed plugins with a newer compatible version. */
function updates(call: Call) {
  const type = negotiate(call, availableType);
  const outdated = dcSiteOf(call).plugins.filter(
    (p) => p.latestCompatibleVersion !== undefined && p.latestCompatibleVersion !== p.version,
  );
  return new Respond(
    200,
    {
      plugins: outdated.map((p) => ({
        key: p.key,
        name: p.name,
        version: p.latestCompatibleVersion,
        installedVersion: p.version,
        links: {
          self: `/rest/plugins/1.0/available/${encodeURIComponent(p.key)}-key`,
          installed: pluginUri(p.key),
        },
      })),
      links: { self: '/rest/plugins/1.0/available/updates' },
    },
    type,
  );
}

function update(call: Call) {
  const enabled = requestedEnabled(call);
  const plugin = findPlugin(call);
  if (enabled !== plugin.enabled) {
    if (!plugin.optional) {
      throw new SimError(403, `Plugin '${plugin.key}' is required by the system and cannot be disabled`);
    }
    plugin.enabled = enabled;
  }
  return new Respond(200, renderPlugin(call, plugin), pluginType);
}

function remove(call: Call) {
  const plugin = findPlugin(call);
  if (!plugin.userInstalled) {
    throw new SimError(403, `Plugin '${plugin.key}' is a system plugin and cannot be uninstalled`, {
      code: 'upm.pluginUninstall.error.plugin.is.system',
    });
  }
  const site = dcSiteOf(call);
  site.plugins = site.plugins.filter((p) => p !== plugin);
  return new Respond(204, undefined);
}

export function dcUpmRoutes(r: Registrar): void {
  const authorize = requireManager;
  r.serve('dc.upm.plugins.list', list, { authorize });
  r.serve(
    'dc.upm.plugin.get',
    (call) => new Respond(200, renderPlugin(call, findPlugin(call)), negotiate(call, pluginType)),
    {
      authorize,
    },
  );
  r.serve('dc.upm.updates.list', updates, { authorize });
  r.serve('dc.upm.plugin.update', update, { authorize, write: true });
  r.serve('dc.upm.plugin.delete', remove, { authorize, write: true });
}
