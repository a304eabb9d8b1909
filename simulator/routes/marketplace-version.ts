import type { App } from '../tenant/model.ts';
import { addonHref, buildNumber, type Listed, slug, stableId } from './marketplace-listing.ts';
import { describeScope, productOfScope } from './oauth-scopes.ts';

// `AddonVersion` (marketplace-rest-v2 spec) for the latest Cloud release. The declared access is
// the risk signal: Connect scopes in `deployment.permissions`, Forge scopes in `cloud.appScopes`
// (the `cloud` block is newer than the 2021 spec, which lists appId, appEnvironmentId and
// appVersionId as required). https://developer.atlassian.com/platform/marketplace/rest/v2/api-group-app-versions/

const PRODUCT_NAMES = { jira: 'Jira', confluence: 'Confluence' } as const;

// Connect scopes as the Connect docs describe them; the product is named after the app's products.
// https://developer.atlassian.com/cloud/jira/platform/scopes-for-connect-apps/
const CONNECT_SCOPES: Readonly<Record<string, { name: string; description: (product: string) => string }>> = {
  READ: { name: 'Read', description: (p) => `Can view, browse and read information from ${p}.` },
  WRITE: { name: 'Write', description: (p) => `Can create or edit content in ${p}, but not delete it.` },
  DELETE: { name: 'Delete', description: (p) => `Can delete entities from ${p}.` },
  PROJECT_ADMIN: { name: 'Administer projects', description: () => 'Can administer a project in Jira.' },
  SPACE_ADMIN: { name: 'Administer spaces', description: () => 'Can administer a space in Confluence.' },
  ADMIN: { name: 'Administer', description: (p) => `Can administer the entire ${p} instance.` },
  ACT_AS_USER: {
    name: 'Act as user',
    description: (p) => `Can act on behalf of any user of ${p}, even when the user is not using the app.`,
  },
  ACCESS_EMAIL_ADDRESSES: {
    name: 'Access e-mail addresses',
    description: (p) => `Can read the e-mail addresses of ${p} users.`,
  },
};

function scopeDocs(product: 'jira' | 'confluence', framework: 'connect' | 'forge'): string {
  const base =
    product === 'jira'
      ? 'https://developer.atlassian.com/cloud/jira/platform'
      : 'https://developer.atlassian.com/cloud/confluence';
  return framework === 'connect'
    ? `${base}/scopes-for-connect-apps/`
    : `${base}/scopes-for-oauth-2-3LO-and-forge-apps/`;
}

function connectPermissions(app: App) {
  const products = app.products.map((p) => PRODUCT_NAMES[p]).join(' and ') || 'the product';
  const docs = scopeDocs(app.products[0] ?? 'jira', 'connect');
  return app.scopes.map((key) => {
    const known = CONNECT_SCOPES[key.toUpperCase()];
    return {
      _links: { alternate: { href: docs } },
      key,
      name: known?.name ?? key,
      description: known?.description(products) ?? key,
    };
  });
}

function forgeCloud(app: App, build: number) {
  const appId = app.appId ?? stableId(`${app.key}:app`);
  return {
    appId,
    appEnvironmentId: stableId(`${appId}:production`),
    appVersionId: stableId(`${appId}:${app.version}:${build}`),
    appScopes: app.scopes.map((key) => ({
      _links: { alternate: { href: scopeDocs(productOfScope(key) ?? app.products[0] ?? 'jira', 'forge') } },
      ...describeScope(key),
    })),
  };
}

export function renderVersion({ app, listing, vendor }: Listed) {
  const build = buildNumber(app.version);
  const isConnect = app.framework === 'connect';
  return {
    _links: {
      self: { href: `${addonHref(app.key)}/versions/build/${build}` },
      alternate: { href: `/apps/${listing.id}/${slug(app.name)}/version-history`, type: 'text/html' },
    },
    buildNumber: build,
    name: app.version,
    status: 'public',
    paymentModel: listing.paymentModel,
    release: {
      date: listing.lastReleaseDate.slice(0, 10),
      releasedBy: vendor?.name ?? app.vendor.name,
      beta: false,
      supported: true,
    },
    vendorLinks: { documentation: `${app.vendor.url.replace(/\/$/, '')}/docs` },
    compatibilities: app.products.map((application) => ({ application, hosting: { cloud: true } })),
    deployment: {
      server: false,
      cloud: true,
      connect: isConnect,
      autoUpdateAllowed: true,
      permissions: isConnect ? connectPermissions(app) : [],
      dataCenter: false,
    },
    ...(app.framework === 'forge' ? { cloud: forgeCloud(app, build) } : {}),
  };
}
