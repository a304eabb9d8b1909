import { randomBytes } from 'node:crypto';
import { auditAppChange } from '../control/mutations.ts';
import { SimError } from '../http/errors.ts';
import { type Call, type Registrar, Respond } from '../http/serve.ts';
import type { User } from '../tenant/model.ts';
import { type UpmPlugin, type UpmProduct, upmPlugin, upmPlugins } from './upm-plugins.ts';
import { installedType, negotiate, notPermitted, pluginType, requestedEnabled } from './upm-protocol.ts';
import { renderPlugin, renderSummary, upmBase } from './upm-render.ts';

// The Universal Plugin Manager REST resource, undocumented in Cloud but what the admin UI and
// scripts use to list, disable and uninstall apps (docs/atlassian/API.md §c.1, §d).
// https://developer.atlassian.com/server/framework/atlassian-sdk/universal-plugin-manager-rest-api/

/**
 * Managing apps is for product administrators and site administrators. UPM refuses anyone else
 * with a 401 whose body is a bare string under its error media type (its PermissionExceptionMapper
 * writes `PermissionException.unauthorized()`): the same answer a working API token of a plain
 * user and a missing one get.
 */
function adminOf(call: Call, product: UpmProduct): User {
  const p = call.principal;
  if (!call.site || (p.kind !== 'basic' && p.kind !== 'oauth')) throw notPermitted();
  const role = call.ctx.state.roleOn(p.user, call.site.id, product);
  if (role !== 'admin' && role !== 'site-admin') throw notPermitted();
  return p.user;
}

function findPlugin(call: Call, product: UpmProduct): UpmPlugin {
  const key = call.params.pluginKey ?? '';
  const plugin = call.site ? upmPlugin(call.ctx.state, call.site.id, product, key) : undefined;
  if (!plugin) throw new SimError(404, `Plugin with key '${key}' not found`);
  return plugin;
}

function list(call: Call, product: UpmProduct) {
  const type = negotiate(call, installedType);
  const site = call.site;
  if (!site) throw new SimError(404, 'Not found');
  // Install requests must echo this token back (a CSRF guard); a fresh one per listing.
  call.responseHeaders['upm-token'] = BigInt.asUintN(63, randomBytes(8).readBigUInt64BE()).toString();
  const plugins = upmPlugins(call.ctx.state, site.id, product);
  return new Respond(
    200,
    { plugins: plugins.map((p) => renderSummary(product, p)), links: { self: upmBase(product) } },
    type,
  );
}

function get(call: Call, product: UpmProduct) {
  const type = negotiate(call, pluginType);
  return new Respond(200, renderPlugin(call.ctx.state, product, findPlugin(call, product)), type);
}

/**
 * Enables or disables a plugin. UPM consumes only its plugin media type; the body is `{"enabled":
 * false}` or a whole representation with `enabled` changed.
 */
function update(call: Call, product: UpmProduct) {
  const enabled = requestedEnabled(call);
  const plugin = findPlugin(call, product);
  if (enabled !== plugin.enabled) {
    if (!plugin.optional || !plugin.installation) {
      throw new SimError(403, `Plugin '${plugin.key}' is required by the system and cannot be disabled`);
    }
    plugin.installation.enabled = enabled;
    plugin.enabled = enabled;
  }
  return new Respond(200, renderPlugin(call.ctx.state, product, plugin), pluginType);
}

/**
 * Uninstalls a Connect app and leaves the traces the admin UI leaves (product audit record, org
 * event). System plugins are not removable; neither are Forge apps, which are uninstalled from
 * Atlassian Administration (Connected apps), never through UPM — both answer 403.
 */
function remove(call: Call, product: UpmProduct, by: User) {
  const plugin = findPlugin(call, product);
  const { installation, app } = plugin;
  if (plugin.framework === 'forge') {
    throw new SimError(
      403,
      `'${plugin.key}' is a Forge app: it cannot be uninstalled through the Universal Plugin Manager. ` +
        'Remove it in Atlassian Administration (Apps > Connected apps).',
    );
  }
  if (!plugin.uninstallable || !installation || !app || !call.site) {
    // PluginResource.checkSystemPlugin: a 403 whose body is the sub-code alone.
    throw new SimError(403, `Plugin '${plugin.key}' is a system plugin and cannot be uninstalled`, {
      code: 'upm.pluginUninstall.error.plugin.is.system',
    });
  }
  const state = call.ctx.state;
  // The live site record (a listener keeps the one it started with across a control-API reset).
  const site = state.sitesById.get(call.site.id) ?? call.site;
  state.tenant.installations = state.tenant.installations.filter((i) => i !== installation);
  auditAppChange(state, site, product, app, 'App uninstalled', by, call.now);
  state.reindex();
  return new Respond(204, undefined);
}

export function upmRoutes(r: Registrar): void {
  for (const product of ['jira', 'confluence'] as const) {
    const authorize = (call: Call) => void adminOf(call, product);
    r.serve(`upm.${product}.list`, (call) => list(call, product), { authorize });
    r.serve(`upm.${product}.get`, (call) => get(call, product), { authorize });
    r.serve(`upm.${product}.update`, (call) => update(call, product), { authorize, write: true });
    r.serve(`upm.${product}.delete`, (call) => remove(call, product, adminOf(call, product)), {
      authorize,
      write: true,
    });
  }
}
