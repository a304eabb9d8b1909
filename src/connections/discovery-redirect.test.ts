import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../../simulator/testing/harness.ts';
import { renamedSitesTenant } from '../../simulator/testing/renamed-sites-tenant.ts';
import { TINY } from '../../simulator/testing/tiny-tenant.ts';
import type { AtlassianApi, CallOptions, SiteRef } from '../atlassian/api.ts';
import type { Credentials } from '../atlassian/credentials.ts';
import { RedirectedError } from '../atlassian/errors.ts';
import { discoverConnection } from './discover.ts';
import { DiscoveryError, type DiscoveryProblem } from './discovery-error.ts';
import { discoverSiteFollowingRedirect } from './discovery-redirect.ts';

// Renamed sites and custom domains at discovery, against a simulator serving the tiny tenant
// with an old name of acme (`acme-old`, redirecting to acme), another org's site (`globex`) and
// a name that redirects there (`acme-partner`).

const h = useHarness({ tenant: renamedSitesTenant });

const ADMIN: Credentials = {
  site: { kind: 'basic', email: 'ada@acme.example', apiToken: TINY.adminToken },
  orgApiKey: TINY.orgKey,
};

const hostUrl = (from: string) => h.sim.info.redirects.find((r) => r.from === from)?.url ?? '';
const allHosts = () =>
  [
    h.siteA,
    h.siteB,
    h.api,
    ...h.sim.info.redirects.map((r) => r.url),
    ...h.sim.info.foreignSites.map((f) => f.url),
  ].map((u) => new URL(u).host);

function discover(sites: string[], options: { org?: boolean; allowHosts?: string[] } = {}) {
  const org = options.org ?? true;
  return discoverConnection({
    sites,
    credentials: org ? ADMIN : { site: ADMIN.site },
    ...(org ? { orgId: TINY.orgId } : {}),
    allowHosts: options.allowHosts ?? allHosts(),
    baseUrls: { api: h.api },
    options: { maxAttempts: 1 },
  });
}

async function problemOf(promise: Promise<unknown>): Promise<DiscoveryProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DiscoveryError) return error.problem;
    throw error;
  }
  throw new Error('discovery succeeded');
}

test('a renamed site’s old URL is followed to the site when the org lists its cloud id, and said so', async () => {
  const found = await discover([hostUrl('acme-old'), h.siteB]);
  assert.deepEqual(found.sites, [
    { cloudId: TINY.siteA, url: h.siteA, products: ['jira', 'confluence'] },
    { cloudId: TINY.siteB, url: h.siteB, products: ['jira'] },
  ]);
  assert.deepEqual(found.redirects, [
    { from: hostUrl('acme-old'), to: h.siteA, cloudId: TINY.siteA, matchedBy: 'org_workspaces' },
  ]);
});

test('without an org key nothing vouches for the target, so the redirect is not followed', async () => {
  const problem = await problemOf(discover([hostUrl('acme-old')], { org: false }));
  assert.deepEqual(problem, {
    kind: 'redirect_not_followed',
    url: hostUrl('acme-old'),
    location: h.siteA,
    reason: 'unverified',
  });
});

test('a redirect to another organization’s site is refused, and no credential ever reaches it', async () => {
  const before = h.sim.foreignState.get('globex')?.authorizationSeen;
  const problem = await problemOf(discover([hostUrl('acme-partner')]));
  assert.deepEqual(problem, {
    kind: 'redirect_not_followed',
    url: hostUrl('acme-partner'),
    location: h.sim.info.foreignSites[0]?.url,
    reason: 'other_site',
  });
  assert.equal(h.sim.foreignState.get('globex')?.authorizationSeen, before);
  assert.equal(before, 0);
});

test('a redirect to a host that is not allow-listed is refused without calling it', async () => {
  const allowed = allHosts().filter((host) => host !== new URL(h.siteA).host);
  const problem = await problemOf(discover([hostUrl('acme-old')], { allowHosts: allowed }));
  assert.equal(problem.kind === 'redirect_not_followed' && problem.reason, 'host_not_allowed');
});

// Scripted answers for the cases the simulator's hosts do not stage: a URL that still names its
// site at /_edge/tenant_info while its product endpoints redirect (a custom domain in front of it).

function scriptedApi(answers: Record<string, (options: CallOptions) => unknown>): AtlassianApi & {
  calls: string[];
} {
  const calls: string[] = [];
  return {
    calls,
    async call<T>(endpointId: string, options: CallOptions = {}): Promise<T> {
      calls.push(`${endpointId} ${options.site?.url ?? ''}`);
      const answer = answers[`${endpointId} ${options.site?.url ?? ''}`];
      if (!answer) throw Object.assign(new Error('not found'), { code: 'not_found' });
      return answer(options) as T;
    },
    pages: () => {
      throw new Error('no walk expected');
    },
    stats: () => ({ calls: calls.length, retries: 0, rateLimited: 0 }),
  };
}

const redirect = (location: string) => () => {
  throw new RedirectedError(
    { endpointId: 'jira.serverInfo.get', method: 'GET', url: 'x', status: 301 },
    location,
  );
};

async function discoverOne(api: AtlassianApi, url: string): Promise<SiteRef> {
  const cloudId = (await api.call('site.tenantInfo.get', { site: { cloudId: '', url, products: [] } }))
    .cloudId;
  await api.call('jira.serverInfo.get', { site: { cloudId, url, products: [] } });
  return { cloudId, url, products: ['jira'] };
}

test('a URL that names its own cloud id is followed only to a target naming the same one', async () => {
  const same = scriptedApi({
    'site.tenantInfo.get https://jira.acme.example': () => ({ cloudId: 'C1' }),
    'jira.serverInfo.get https://jira.acme.example': redirect(
      'https://acme.atlassian.net/rest/api/3/serverInfo',
    ),
    'site.tenantInfo.get https://acme.atlassian.net': () => ({ cloudId: 'c1' }),
    'jira.serverInfo.get https://acme.atlassian.net': () => ({}),
  });
  const found = await discoverSiteFollowingRedirect(
    same,
    'https://jira.acme.example',
    undefined,
    discoverOne,
  );
  assert.deepEqual(found, {
    site: { cloudId: 'c1', url: 'https://acme.atlassian.net', products: ['jira'] },
    redirect: {
      from: 'https://jira.acme.example',
      to: 'https://acme.atlassian.net',
      cloudId: 'c1',
      matchedBy: 'tenant_info',
    },
  });

  const other = scriptedApi({
    'site.tenantInfo.get https://jira.acme.example': () => ({ cloudId: 'c1' }),
    'jira.serverInfo.get https://jira.acme.example': redirect('https://globex.atlassian.net/'),
    'site.tenantInfo.get https://globex.atlassian.net': () => ({ cloudId: 'c2' }),
  });
  const refused = await discoverSiteFollowingRedirect(
    other,
    'https://jira.acme.example',
    'org-1',
    discoverOne,
  );
  assert.deepEqual(refused, {
    problem: {
      kind: 'redirect_not_followed',
      url: 'https://jira.acme.example',
      location: 'https://globex.atlassian.net',
      reason: 'other_site',
    },
  });
  // Refused before any authenticated call to the other site.
  assert.ok(!other.calls.includes('jira.serverInfo.get https://globex.atlassian.net'));
});

test('only one hop is followed: a target that redirects again, or back, is refused', async () => {
  const chain = scriptedApi({
    'site.tenantInfo.get https://a.atlassian.net': () => ({ cloudId: 'c1' }),
    'jira.serverInfo.get https://a.atlassian.net': redirect('https://b.atlassian.net/x'),
    'site.tenantInfo.get https://b.atlassian.net': redirect('https://c.atlassian.net/x'),
  });
  const found = await discoverSiteFollowingRedirect(chain, 'https://a.atlassian.net', undefined, discoverOne);
  assert.equal('problem' in found && found.problem.reason, 'redirects_again');

  const loop = scriptedApi({
    'site.tenantInfo.get https://a.atlassian.net': () => ({ cloudId: 'c1' }),
    'jira.serverInfo.get https://a.atlassian.net': redirect('https://a.atlassian.net/login'),
  });
  const back = await discoverSiteFollowingRedirect(loop, 'https://a.atlassian.net', undefined, discoverOne);
  assert.equal('problem' in back && back.problem.reason, 'redirects_again');
});
