import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { type ControlOptions, controlRoutes } from './control/routes.ts';
import { createContext, type SimContext } from './core/context.ts';
import { SimState } from './core/state.ts';
import { type ExtraHosts, startExtraHosts } from './extra-hosts.ts';
import type { FaultConfig } from './http/faults.ts';
import { dataCenterRegistrar, exRegistrar, hostRegistrar, type Registrar } from './http/serve.ts';
import type { VarianceConfig } from './http/variance.ts';
import { adminRoutes } from './routes/admin.ts';
import { bitbucketRoutes } from './routes/bitbucket.ts';
import { confluenceRoutes } from './routes/confluence.ts';
import { dataCenterRoutes } from './routes/data-center.ts';
import { graphqlRoutes } from './routes/graphql.ts';
import { jiraRoutes } from './routes/jira.ts';
import { marketplaceRoutes } from './routes/marketplace.ts';
import { accessibleResourcesRoutes, oauthRoutes } from './routes/oauth.ts';
import { upmRoutes } from './routes/upm.ts';
import { userManagementRoutes } from './routes/user-management.ts';
import { dataCenterCredentials } from './tenant/data-center.ts';
import type { DcProduct } from './tenant/data-center-model.ts';
import type { Site, Tenant } from './tenant/model.ts';

export interface StartOptions {
  tenant: Tenant;
  /** Interface to bind every listener on. */
  host?: string;
  /** First port; listeners take consecutive ports from it. 0 (default) = any free ports. */
  basePort?: number;
  faults?: FaultConfig;
  /**
   * Answers vary as real tenants' do (http/variance.ts); the same as `faults.variance`, which it
   * overrides. Off by default; control `PUT /faults` and `POST /reset` replace it like any fault.
   */
  variance?: VarianceConfig;
  /** Lets tests move the simulator's clock (token expiry). */
  now?: () => number;
  /** Rebuilds the tenant for control `POST /reset`. */
  rebuild?: ControlOptions['rebuild'];
}

export interface SiteInfo {
  name: string;
  cloudId: string;
  url: string;
  products: { jira?: string; confluence?: string };
}

/** A Data Center site as the start line names it: its product, version, base URL and PATs. */
export interface DataCenterSiteInfo {
  name: string;
  id: string;
  product: DcProduct;
  version: string;
  /** The host it stands for (`jira.acme-dc.example`); `url` is where the simulator serves it. */
  host: string;
  url: string;
  /** Personal access tokens (`Authorization: Bearer`) of an administrator and of a plain user. */
  credentials: { adminToken: string; userToken: string };
}

/** What the simulator prints on start: every base URL and the credentials to use. */
export interface SimulatorInfo {
  org: { id: string; name: string };
  sites: SiteInfo[];
  adminApiUrl: string;
  marketplaceUrl: string;
  authUrl: string;
  /** `https://api.bitbucket.org`: Bitbucket Cloud's REST API 2.0 (paths `/2.0/...`). */
  bitbucketUrl: string;
  controlUrl: string;
  /** Other organizations' sites and redirecting hosts (tenant.foreignSites, tenant.redirects). */
  foreignSites: ExtraHosts['foreignSites'];
  redirects: ExtraHosts['redirects'];
  /** Jira and Confluence Data Center sites (tenant.dataCenterSites), each on its own listener. */
  dataCenterSites: DataCenterSiteInfo[];
  credentials: {
    admin: { email: string; apiToken: string; accountId: string };
    member: { email: string; apiToken: string; accountId: string };
    /** The admin's API token with scopes: Basic auth through `{adminApiUrl}/ex/{product}/{cloudId}` only. */
    scopedApiToken?: { email: string; apiToken: string; accountId: string; scopes: string[] };
    orgApiKey: string;
    scopedOrgApiKey: string;
    oauth: { clientId: string; clientSecret: string; redirectUris: string[] };
    /**
     * The Bitbucket workspace (`{bitbucketUrl}/2.0/workspaces/{workspace}`) and its workspace access
     * token (Bearer); the admin's API token (Basic) reaches it too, as a workspace owner.
     */
    bitbucket?: { workspace: string; accessToken: string };
  };
}

export interface RunningSimulator {
  info: SimulatorInfo;
  context: SimContext;
  /** Per foreign site name: requests that reached it carrying credentials. */
  foreignState: ExtraHosts['foreignState'];
  stop(): Promise<void>;
}

/** The JSON content types Atlassian's APIs accept (UPM uses vendor types such as `…plugin+json`). */
function acceptJsonVariants(app: FastifyInstance): void {
  app.addContentTypeParser(/^application\/[\w.-]+\+json/, { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      const error = new Error('Malformed JSON body') as Error & { statusCode: number };
      error.statusCode = 400;
      done(error, undefined);
    }
  });
}

function newListener(): FastifyInstance {
  const app = Fastify({ logger: false, routerOptions: { maxParamLength: 500 }, bodyLimit: 5 * 1024 * 1024 });
  app.register(formbody);
  acceptJsonVariants(app);
  return app;
}

function siteRoutes(r: Registrar): void {
  jiraRoutes(r);
  confluenceRoutes(r);
  upmRoutes(r);
  graphqlRoutes(r);
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('listener has no TCP address');
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

function describeSite(site: Site, url: string): SiteInfo {
  return {
    name: site.name,
    cloudId: site.id,
    url,
    products: {
      ...(site.jira ? { jira: site.jira.plan } : {}),
      ...(site.confluence ? { confluence: site.confluence.plan } : {}),
    },
  };
}

function credentialsOf(state: SimState): SimulatorInfo['credentials'] {
  const t = state.tenant;
  const c = t.credentials;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`Tenant credentials refer to a missing ${what}`);
    return value;
  };
  const user = (accountId: string, tokenId: string) => {
    const u = need(state.usersById.get(accountId), `user ${accountId}`);
    const token = need(
      t.apiTokens.find((k) => k.id === tokenId),
      `API token ${tokenId}`,
    );
    return { email: u.email, apiToken: token.secret, accountId: u.accountId };
  };
  const orgKey = (id: string) => need(t.orgApiKeys.find((k) => k.id === id)?.secret, `org API key ${id}`);
  const client = need(
    t.oauthClients.find((o) => o.clientId === c.oauthClientId),
    `OAuth client ${c.oauthClientId}`,
  );
  const scoped = t.apiTokens.find((k) => k.id === c.scopedTokenId);
  const workspace = t.bitbucket?.[0];
  const bitbucketToken = workspace?.accessTokens.find((k) => !k.revoked);
  return {
    admin: user(c.adminAccountId, c.adminTokenId),
    member: user(c.memberAccountId, c.memberTokenId),
    ...(c.scopedTokenId && scoped?.scopes
      ? { scopedApiToken: { ...user(c.adminAccountId, c.scopedTokenId), scopes: [...scoped.scopes] } }
      : {}),
    orgApiKey: orgKey(c.orgApiKeyId),
    scopedOrgApiKey: orgKey(c.scopedOrgApiKeyId),
    oauth: { clientId: client.clientId, clientSecret: client.secret, redirectUris: client.redirectUris },
    ...(workspace && bitbucketToken
      ? { bitbucket: { workspace: workspace.slug, accessToken: bitbucketToken.secret } }
      : {}),
  };
}

/**
 * Starts one listener per simulated host: each site, the admin API (`api.atlassian.com`, which
 * also routes 3LO `/ex/...` calls), the Marketplace, the OAuth server and the control API.
 */
export async function startSimulator(options: StartOptions): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  let port = options.basePort ?? 0;
  const nextPort = () => (port === 0 ? 0 : port++);
  const state = new SimState(options.tenant);
  const ctx = createContext(state);
  if (options.now) ctx.now = options.now;
  if (options.faults || options.variance) {
    ctx.faults.set({
      ...(options.faults ?? { rules: [] }),
      ...(options.variance ? { variance: options.variance } : {}),
    });
  }

  const apps: FastifyInstance[] = [];
  const siteUrls: SiteInfo[] = [];
  let extra: ExtraHosts = { foreignSites: [], redirects: [], foreignState: new Map() };
  const dataCenterSites: DataCenterSiteInfo[] = [];
  try {
    for (const site of state.tenant.sites) {
      const app = newListener();
      siteRoutes(hostRegistrar(app, ctx, `site:${site.id}`, site));
      apps.push(app);
      const url = await listen(app, host, nextPort());
      ctx.urls.sites.set(site.id, url);
      siteUrls.push(describeSite(site, url));
    }

    const api = newListener();
    adminRoutes(hostRegistrar(api, ctx, 'api'));
    userManagementRoutes(hostRegistrar(api, ctx, 'api'));
    accessibleResourcesRoutes(hostRegistrar(api, ctx, 'api'));
    siteRoutes(exRegistrar(api, ctx));
    apps.push(api);
    ctx.urls.api = await listen(api, host, nextPort());

    const marketplace = newListener();
    marketplaceRoutes(hostRegistrar(marketplace, ctx, 'marketplace'));
    apps.push(marketplace);
    ctx.urls.marketplace = await listen(marketplace, host, nextPort());

    const auth = newListener();
    oauthRoutes(auth, ctx, hostRegistrar(auth, ctx, 'auth'));
    apps.push(auth);
    ctx.urls.auth = await listen(auth, host, nextPort());

    const bitbucket = newListener();
    bitbucketRoutes(hostRegistrar(bitbucket, ctx, 'bitbucket'));
    apps.push(bitbucket);
    ctx.urls.bitbucket = await listen(bitbucket, host, nextPort());

    const control = newListener();
    controlRoutes(control, ctx, { rebuild: options.rebuild });
    apps.push(control);
    ctx.urls.control = await listen(control, host, nextPort());

    extra = await startExtraHosts(
      state.tenant,
      ctx,
      { newListener, listen: (app) => listen(app, host, nextPort()) },
      apps,
    );

    // Data Center sites bind last, so a tenant without them keeps the ports it always had.
    for (const site of state.tenant.dataCenterSites ?? []) {
      const app = newListener();
      dataCenterRoutes(dataCenterRegistrar(app, ctx, site.id));
      apps.push(app);
      const url = await listen(app, host, nextPort());
      ctx.urls.dataCenter.set(site.id, url);
      const tokens = dataCenterCredentials(site);
      dataCenterSites.push({
        name: site.name,
        id: site.id,
        product: site.product,
        version: site.version,
        host: site.host,
        url,
        credentials: { adminToken: tokens.admin.secret, userToken: tokens.user.secret },
      });
    }
  } catch (error) {
    await Promise.all(apps.map((a) => a.close()));
    throw error;
  }

  const info: SimulatorInfo = {
    org: { id: state.tenant.org.id, name: state.tenant.org.name },
    sites: siteUrls,
    adminApiUrl: ctx.urls.api,
    marketplaceUrl: ctx.urls.marketplace,
    authUrl: ctx.urls.auth,
    bitbucketUrl: ctx.urls.bitbucket,
    controlUrl: ctx.urls.control,
    foreignSites: extra.foreignSites,
    redirects: extra.redirects,
    dataCenterSites,
    credentials: credentialsOf(state),
  };

  return {
    info,
    context: ctx,
    foreignState: extra.foreignState,
    async stop() {
      for (const socket of ctx.hung) socket.destroy();
      ctx.hung.clear();
      await Promise.all(apps.map((a) => a.close()));
    },
  };
}
