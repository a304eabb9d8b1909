import type { appsUpmJira, RecordOf } from '../../inventory/datasets/index.ts';

// Which UPM plugins are apps someone chose to install, as opposed to the ~200 plugins bundled with
// every Cloud instance. Required plugins are bundled; Connect apps (remotable) and user-installed
// plugins are apps; an optional plugin is an app unless Atlassian ships it with the product.

export type UpmPlugin = RecordOf<typeof appsUpmJira>;

function byAtlassian(vendor: string | null): boolean {
  return vendor !== null && /^atlassian\b/i.test(vendor.trim());
}

export function isInstalledApp(plugin: UpmPlugin): boolean {
  if (!plugin.optional) return false;
  if (plugin.remotable || plugin.userInstalled) return true;
  return !byAtlassian(plugin.vendorName);
}
