import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import type { ApiPause, SiteRef } from './api.ts';
import { type AtlassianClient, type AtlassianClientDeps, createAtlassianClient } from './client.ts';
import { RateLimitedError } from './errors.ts';

// How the client answers Atlassian's three limits (RateLimit-Reason): the hourly quota pauses the
// whole connection, the per-issue write limit only its call, the burst limit its site and
// credential — and behind the 3LO gateway every site has its own limiter. Two local servers play
// a site's host and api.atlassian.com; the quota tests run on a virtual clock, since Atlassian's
// Retry-After for a spent quota is up to an hour.

interface Step {
  status: number;
  headers?: Record<string, string>;
}

interface Host {
  server: Server;
  base: string;
  /** Answers by path prefix, each a queue (then 200). */
  script: Map<string, Step[]>;
  seen: { path: string; at: number; virtual: number }[];
}

const clock = { t: Date.parse('2026-11-02T09:00:00Z') };
/** Sleeps end at an instant, so concurrent sleepers do not add up. */
const virtualSleep = async (ms: number) => {
  const until = clock.t + ms;
  await Promise.resolve();
  clock.t = Math.max(clock.t, until);
};

async function host(): Promise<Host> {
  const h: Host = { server: createServer(), base: '', script: new Map(), seen: [] };
  h.server.on('request', (req, res) => {
    const path = req.url ?? '';
    h.seen.push({ path, at: Date.now(), virtual: clock.t });
    const queue = [...h.script.entries()].find(([prefix]) => path.startsWith(prefix))?.[1];
    const step = queue?.shift() ?? { status: 200 };
    res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
    res.end(JSON.stringify(step.status === 200 ? { ok: true } : { errorMessages: ['Rate limit exceeded.'] }));
  });
  await new Promise<void>((resolve) => h.server.listen(0, '127.0.0.1', resolve));
  h.base = `http://127.0.0.1:${(h.server.address() as AddressInfo).port}`;
  return h;
}

let site: Host;
let api: Host;
const clients: AtlassianClient[] = [];

before(async () => {
  site = await host();
  api = await host();
});
beforeEach(() => {
  for (const h of [site, api]) {
    h.script.clear();
    h.seen.length = 0;
  }
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  for (const h of [site, api]) {
    h.server.closeAllConnections();
    await new Promise((resolve) => h.server.close(resolve));
  }
});

function client(overrides: Partial<AtlassianClientDeps> = {}): AtlassianClient {
  const c = createAtlassianClient({
    validate: () => {},
    credentials: {
      site: { kind: 'basic', email: 'ada@acme.example', apiToken: 'ATATT3xToken0000000000' },
      orgApiKey: 'org-key-0000000000',
    },
    allowHosts: ['127.0.0.1'],
    baseUrls: { api: api.base },
    options: { backoffBaseMs: 5, backoffMaxMs: 20 },
    ...overrides,
  });
  clients.push(c);
  return c;
}

const acme = (): SiteRef => ({ cloudId: 'c1', url: site.base, products: ['jira'] });
const quota429 = (retryAfter: number): Step => ({
  status: 429,
  headers: {
    'retry-after': String(retryAfter),
    'x-ratelimit-reset': new Date(clock.t + retryAfter * 1000).toISOString(),
    'ratelimit-reason': 'jira-quota-tenant-based',
  },
});

test('an hourly-quota 429 pauses every caller of the connection at once, and says until when', async () => {
  const c = client({ now: () => clock.t, sleep: virtualSleep });
  const t0 = clock.t;
  site.script.set('/rest/api/3/serverInfo', [quota429(1847)]);
  const heard: ApiPause[] = [];
  let adminCall: Promise<unknown> | undefined;
  c.onPause?.((pause) => {
    heard.push(pause);
    // A caller of another host, starting while the quota is spent, waits for it too.
    adminCall = c.call('admin.orgs.list');
  });
  await c.call('jira.serverInfo.get', { site: acme() });
  await adminCall;
  assert.deepEqual(heard, [
    { reason: 'hourly-quota', until: t0 + 1_847_000, detail: 'jira-quota-tenant-based' },
  ]);
  assert.equal(site.seen.length, 2, 'the site call was answered 429 once, then retried');
  assert.ok((site.seen[1]?.virtual ?? 0) >= t0 + 1_847_000, 'the retry waited for the quota');
  assert.equal(api.seen.length, 1);
  assert.ok((api.seen[0]?.virtual ?? 0) >= t0 + 1_847_000, 'the admin API waited for the site’s quota');
  assert.deepEqual(c.stats(), { calls: 3, retries: 1, rateLimited: 1 });
});

test('a quota spent for longer than a call may wait fails at once, with when to reschedule', async () => {
  const c = client({ now: () => clock.t, sleep: virtualSleep, options: { maxQuotaWaitMs: 3_600_000 } });
  const t0 = clock.t;
  site.script.set('/rest/api/3/serverInfo', [quota429(7200)]);
  const heard: ApiPause[] = [];
  c.onPause?.((p) => heard.push(p));
  await assert.rejects(c.call('jira.serverInfo.get', { site: acme() }), (e) => {
    assert.ok(e instanceof RateLimitedError);
    assert.equal(e.retryAfterMs, 7_200_000);
    assert.match(e.message, /hourly quota is spent \(jira-quota-tenant-based\) for 120 min/);
    return true;
  });
  assert.equal(clock.t, t0, 'nothing was waited');
  assert.deepEqual(heard, []);
  assert.equal(site.seen.length, 1);
});

test('a 429 with an enforced quota policy at zero and no reason is the quota too', async () => {
  const c = client({ now: () => clock.t, sleep: virtualSleep });
  const t0 = clock.t;
  site.script.set('/rest/api/3/serverInfo', [
    { status: 429, headers: { 'retry-after': '50', ratelimit: '"tenant-app-quota";r=0;t=50' } },
  ]);
  const heard: ApiPause[] = [];
  c.onPause?.((p) => heard.push(p));
  await c.call('jira.serverInfo.get', { site: acme() });
  assert.deepEqual(heard, [{ reason: 'hourly-quota', until: t0 + 50_000, detail: 'tenant-app-quota' }]);
});

test('the per-issue write limit holds only its own call', async () => {
  const c = client();
  site.script.set('/rest/plugins/1.0/com.x-key', [
    { status: 429, headers: { 'retry-after': '1', 'ratelimit-reason': 'jira-per-issue-on-write' } },
  ]);
  const started = Date.now();
  const write = c.call('upm.jira.update', {
    site: acme(),
    params: { pluginKey: 'com.x' },
    body: { enabled: false },
  });
  await new Promise((r) => setTimeout(r, 100));
  await c.call('jira.serverInfo.get', { site: acme() });
  const other = site.seen.find((s) => s.path.startsWith('/rest/api/3/serverInfo'));
  assert.ok((other?.at ?? Infinity) - started < 800, 'another call of the same host went at once');
  await write;
  const retried = site.seen.filter((s) => s.path.startsWith('/rest/plugins')).at(-1);
  assert.ok((retried?.at ?? 0) - started >= 1000, 'the write waited its Retry-After');
});

test('through the 3LO gateway a burst 429 on one site does not hold another site', async () => {
  const c = client({
    credentials: {
      site: {
        kind: 'oauth',
        clientId: 'client',
        clientSecret: 'secret-0000000000',
        tokens: {
          accessToken: 'access-0000000000',
          refreshToken: null,
          expiresAt: Date.now() + 3_600_000,
          scopes: [],
        },
        onTokens: () => {},
      },
    },
  });
  const siteRef = (cloudId: string): SiteRef => ({ cloudId, url: site.base, products: ['jira'] });
  api.script.set('/ex/jira/c1/', [
    { status: 429, headers: { 'retry-after': '1', 'ratelimit-reason': 'jira-burst-based' } },
  ]);
  const started = Date.now();
  const first = c.call('jira.serverInfo.get', { site: siteRef('c1') });
  await new Promise((r) => setTimeout(r, 100));
  await c.call('jira.serverInfo.get', { site: siteRef('c2') });
  const c2 = api.seen.find((s) => s.path.startsWith('/ex/jira/c2/'));
  assert.ok((c2?.at ?? Infinity) - started < 800, 'site c2 was not held by site c1’s 429');
  await first;
  const c1 = api.seen.filter((s) => s.path.startsWith('/ex/jira/c1/'));
  assert.equal(c1.length, 2);
  assert.ok((c1[1]?.at ?? 0) - started >= 1000, 'site c1 waited its Retry-After');
});
