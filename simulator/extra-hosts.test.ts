import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSimulator } from './start.ts';
import { useHarness } from './testing/harness.ts';
import { GLOBEX_CLOUD_ID, renamedSitesTenant } from './testing/renamed-sites-tenant.ts';
import { tinyTenant } from './testing/tiny-tenant.ts';

const h = useHarness({ tenant: renamedSitesTenant });

const hostUrl = (from: string) => h.sim.info.redirects.find((r) => r.from === from)?.url ?? '';
const globexUrl = () => h.sim.info.foreignSites[0]?.url ?? '';

test('a renamed site’s old name answers every path with a 301 to the site, path and query kept', async () => {
  const old = hostUrl('acme-old');
  assert.match(old, /^http:\/\/127\.0\.0\.1:\d+$/);
  for (const path of ['/_edge/tenant_info', '/rest/api/3/serverInfo?expand=x']) {
    const res = await fetch(`${old}${path}`, { redirect: 'manual' });
    assert.equal(res.status, 301, path);
    assert.equal(res.headers.get('location'), `${h.siteA}${path}`);
  }
  assert.deepEqual(
    h.sim.info.redirects.map((r) => [r.from, r.to, r.toUrl]),
    [
      ['acme-old', 'acme', h.siteA],
      ['acme-partner', 'globex', globexUrl()],
    ],
  );
});

test('another organization’s site names its own cloud id and refuses credentials it does not know', async () => {
  const info = await h.json<{ cloudId: string }>(`${globexUrl()}/_edge/tenant_info`);
  assert.deepEqual(info, { cloudId: GLOBEX_CLOUD_ID });
  const res = await h.get(`${globexUrl()}/rest/api/3/serverInfo`, h.adminBasic);
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), {
    errorMessages: ['Client must be authenticated to access this resource.'],
    errors: {},
  });
  assert.equal(h.sim.foreignState.get('globex')?.authorizationSeen, 1);
  const redirected = await fetch(`${hostUrl('acme-partner')}/_edge/tenant_info`, { redirect: 'manual' });
  assert.equal(redirected.headers.get('location'), `${globexUrl()}/_edge/tenant_info`);
});

test('a tenant without extra hosts lists none', async () => {
  const sim = await startSimulator({ tenant: tinyTenant() });
  try {
    assert.deepEqual(sim.info.redirects, []);
    assert.deepEqual(sim.info.foreignSites, []);
  } finally {
    await sim.stop();
  }
});

test('a redirect to a host nobody serves, or from a site’s own name, refuses to start', async () => {
  await assert.rejects(
    startSimulator({ tenant: { ...tinyTenant(), redirects: [{ from: 'acme-old', to: 'nowhere' }] } }),
    /redirect from "acme-old" names an unknown host "nowhere"/,
  );
  await assert.rejects(
    startSimulator({ tenant: { ...tinyTenant(), redirects: [{ from: 'acme-labs', to: 'acme' }] } }),
    /shadows a site/,
  );
});
