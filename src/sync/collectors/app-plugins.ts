import type { appsForge, appsUpmJira, RecordOf } from '../../inventory/datasets/index.ts';

// Which UPM plugins are apps someone chose to install, as opposed to the ~200 plugins bundled with
// every Cloud instance. Required plugins are bundled; Connect apps (remotable) and user-installed
// plugins are apps; so is any plugin the GraphQL gateway also lists, since the gateway lists only
// Forge and Connect-on-Forge installations, never a bundled plugin (Atlassian builds Forge apps
// too: Forms for Jira looks like a bundled plugin in UPM, optional, not remotable, by "Atlassian").
// Any other optional plugin is an app unless Atlassian ships it with the product.

export type UpmPlugin = RecordOf<typeof appsUpmJira>;
export type GatewayApp = RecordOf<typeof appsForge>;

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

function byAtlassian(vendor: string | null): boolean {
  return vendor !== null && /^atlassian\b/i.test(vendor.trim());
}

/**
 * The gateway installation (of the same product: pass only those) that is this UPM plugin. UPM
 * knows an app by key and name, the gateway by id and name: the name is what they share; a key
 * that carries the app id matches first, whatever the name.
 */
export function gatewayMatch<T extends GatewayApp>(plugin: UpmPlugin, gateway: readonly T[]): T | undefined {
  const key = norm(plugin.key);
  const name = norm(plugin.name);
  const byId = gateway.find((g) => norm(g.appId) !== '' && key.includes(norm(g.appId)));
  return byId ?? gateway.find((g) => norm(g.name) === name);
}

/** Whether a UPM plugin is an installed app; `gateway`: the gateway's installations of the same product. */
export function isInstalledApp(plugin: UpmPlugin, gateway: readonly GatewayApp[]): boolean {
  if (!plugin.optional) return false;
  if (plugin.remotable || plugin.userInstalled) return true;
  if (gatewayMatch(plugin, gateway)) return true;
  return !byAtlassian(plugin.vendorName);
}
