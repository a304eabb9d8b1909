import { createHash } from 'node:crypto';
import type { SimState } from '../core/state.ts';
import type { App, Installation } from '../tenant/model.ts';

// The data behind `ecosystem.appInstallationsByContext`: the Forge and Connect-on-Forge apps
// installed in one product of one site, as the GraphQL gateway's AppInstallation type describes
// them (types from the published gateway schema: App, AppEnvironment, AppEnvironmentVersion,
// AppInstallationLicense). Pure Connect apps (no Forge app id) and system plugins are not here;
// UPM lists those.

export interface InstallationContext {
  ari: string;
  product: 'jira' | 'confluence';
  siteId: string;
}

/** `ari:cloud:{jira|confluence}::site/{cloudId}`, the context the filter takes. */
export function parseContext(ari: string): InstallationContext | undefined {
  const m = /^ari:cloud:(jira|confluence)::site\/([0-9a-fA-F-]{36})$/.exec(ari);
  if (!m) return undefined;
  return { ari, product: m[1] as 'jira' | 'confluence', siteId: (m[2] as string).toLowerCase() };
}

/** A stable UUID derived from a name, for ids the tenant model does not store. */
function uuidFrom(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Forge's environment keys: the development environment is called `default`. */
const environmentKey = { DEVELOPMENT: 'default', STAGING: 'staging', PRODUCTION: 'production' } as const;

function renderNode(context: InstallationContext, installation: Installation, app: App & { appId: string }) {
  const appAri = `ari:cloud:ecosystem::app/${app.appId}`;
  const environmentId = uuidFrom(`${app.appId}:${installation.environment}`);
  return {
    __typename: 'AppInstallation',
    id: `ari:cloud:ecosystem::installation/${uuidFrom(`${context.siteId}:${context.product}:${app.key}`)}`,
    installationContext: context.ari,
    createdAt: installation.installedAt,
    app: {
      __typename: 'App',
      id: appAri,
      name: app.name,
      description: app.description,
      vendorName: app.vendor.name,
    },
    appEnvironment: {
      __typename: 'AppEnvironment',
      id: `ari:cloud:ecosystem::environment/${app.appId}/${environmentId}`,
      appId: appAri,
      key: environmentKey[installation.environment],
      type: installation.environment,
    },
    appEnvironmentVersion: {
      __typename: 'AppEnvironmentVersion',
      id: uuidFrom(`${app.appId}:${installation.environment}:${app.version}`),
      version: app.version,
      isLatest: true,
      requiresLicense: installation.license !== null,
      permissions: [
        {
          __typename: 'AppPermission',
          scopes: app.scopes.map((key) => ({
            __typename: 'AppHostServiceScope',
            key,
            name: key,
            description: key,
          })),
          egress: [
            { __typename: 'AppNetworkEgressPermission', type: 'FETCH_BACKEND_SIDE', addresses: app.egress },
          ],
        },
      ],
    },
    license: installation.license
      ? {
          __typename: 'AppInstallationLicense',
          active: installation.license.active,
          type: installation.license.type,
          isEvaluation: installation.license.evaluation,
        }
      : null,
  };
}

export type InstallationNode = ReturnType<typeof renderNode>;

/** The installations in a context, in the tenant's (stable) order. */
export function installationsIn(state: SimState, context: InstallationContext): InstallationNode[] {
  const nodes: InstallationNode[] = [];
  for (const installation of state.installationsOn(context.siteId, context.product)) {
    const app = state.appsByKey.get(installation.appKey);
    if (app?.appId === undefined) continue;
    nodes.push(renderNode(context, installation, { ...app, appId: app.appId }));
  }
  return nodes;
}
