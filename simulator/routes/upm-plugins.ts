import { compareNames } from '../core/collate.ts';
import type { SimState } from '../core/state.ts';
import type { App, AppFramework, Installation } from '../tenant/model.ts';

// What the Universal Plugin Manager lists for one product on one site: the site's installations
// of that product (Connect, Forge and system apps) plus the Atlassian system plugins every
// instance carries. UPM shows Forge apps too, under their app key, but they are not Connect
// (`remotable: false`) and cannot be removed through UPM.

export type UpmProduct = 'jira' | 'confluence';

export interface UpmPlugin {
  key: string;
  name: string;
  description: string;
  version: string;
  vendor: { name: string; url: string; topVendor?: boolean };
  framework: AppFramework | 'builtin';
  enabled: boolean;
  userInstalled: boolean;
  /** Optional plugins may be disabled; required system plugins may not. */
  optional: boolean;
  uninstallable: boolean;
  /** Connect apps are "remote" plugins. */
  remotable: boolean;
  license: Installation['license'];
  /** The tenant records behind a site installation (absent for built-in system plugins). */
  installation?: Installation;
  app?: App;
}

const atlassian = { name: 'Atlassian', url: 'https://www.atlassian.com' };

/** A realistic handful of the ~200 bundled plugins each product carries (all required, never removable). */
const builtins: Record<UpmProduct, { key: string; name: string; description: string; version: string }[]> = {
  jira: [
    {
      key: 'com.atlassian.upm.atlassian-universal-plugin-manager-plugin',
      name: 'Atlassian Universal Plugin Manager Plugin',
      description: 'This is the plugin that provides the Atlassian Universal Plugin Manager.',
      version: '1001.0.0.5f2e0d1',
    },
    {
      key: 'com.atlassian.plugins.atlassian-connect-plugin',
      name: 'Atlassian Connect',
      description: 'The plugin that runs Atlassian Connect apps.',
      version: '1001.0.0.8c1f9ab',
    },
    {
      key: 'com.atlassian.jira.plugin.system.customfieldtypes',
      name: 'Custom Field Types & Searchers',
      description: 'Built-in custom field types and searchers.',
      version: '1001.0.0.a41c2e7',
    },
    {
      key: 'com.atlassian.jira.jira-projects-plugin',
      name: 'Jira Projects Plugin',
      description: 'Project-centric views for Jira.',
      version: '1001.0.0.3be90c2',
    },
  ],
  confluence: [
    {
      key: 'com.atlassian.upm.atlassian-universal-plugin-manager-plugin',
      name: 'Atlassian Universal Plugin Manager Plugin',
      description: 'This is the plugin that provides the Atlassian Universal Plugin Manager.',
      version: '1001.0.0.5f2e0d1',
    },
    {
      key: 'com.atlassian.plugins.atlassian-connect-plugin',
      name: 'Atlassian Connect',
      description: 'The plugin that runs Atlassian Connect apps.',
      version: '1001.0.0.8c1f9ab',
    },
    {
      key: 'confluence.macros.advanced',
      name: 'Advanced Macros',
      description: 'Built-in Confluence macros.',
      version: '1001.0.0.77d02ab',
    },
    {
      key: 'com.atlassian.confluence.plugins.confluence-create-content-plugin',
      name: 'Confluence Create Content Plugin',
      description: 'Create dialog and blueprints.',
      version: '1001.0.0.e09b4f1',
    },
  ],
};

function fromInstallation(state: SimState, installation: Installation, app: App): UpmPlugin {
  const listing =
    app.vendor.id === undefined
      ? undefined
      : state.tenant.marketplace.vendors.find((v) => v.id === app.vendor.id);
  const system = app.framework === 'system';
  return {
    key: app.key,
    name: app.name,
    description: app.description,
    version: app.version,
    vendor: {
      name: app.vendor.name,
      url: app.vendor.url,
      ...(listing ? { topVendor: listing.topVendor === 'approved' } : {}),
    },
    framework: app.framework,
    enabled: installation.enabled,
    userInstalled: !system && installation.userInstalled,
    optional: true,
    uninstallable: app.framework === 'connect',
    remotable: app.framework === 'connect',
    license: system ? null : installation.license,
    installation,
    app,
  };
}

/** Every plugin UPM lists for the product on the site, ordered by name as UPM orders them. */
export function upmPlugins(state: SimState, siteId: string, product: UpmProduct): UpmPlugin[] {
  const plugins: UpmPlugin[] = [];
  for (const installation of state.installationsOn(siteId, product)) {
    const app = state.appsByKey.get(installation.appKey);
    if (app) plugins.push(fromInstallation(state, installation, app));
  }
  const installed = new Set(plugins.map((p) => p.key));
  for (const b of builtins[product]) {
    if (installed.has(b.key)) continue;
    plugins.push({
      ...b,
      vendor: atlassian,
      framework: 'builtin',
      enabled: true,
      userInstalled: false,
      optional: false,
      uninstallable: false,
      remotable: false,
      license: null,
    });
  }
  return plugins.sort((a, b) => compareNames(a.name, b.name) || a.key.localeCompare(b.key));
}

export function upmPlugin(
  state: SimState,
  siteId: string,
  product: UpmProduct,
  key: string,
): UpmPlugin | undefined {
  return upmPlugins(state, siteId, product).find((p) => p.key === key);
}
