import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { type AtlassianClient, createAtlassianClient } from './client.ts';
import { RedirectedError, RequestRejectedError } from './errors.ts';

// Transport behaviour the simulator does not stage: 503 with Retry-After, 429 without it, no
// retry of other 4xx, the media types UPM and the GraphQL gateway insist on, caller aborts.

interface Step {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

let server: Server;
let base: string;
let script: Step[] = [];
const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string; at: number }[] = [];
const clients: AtlassianClient[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: Date.now() });
      const step = script.shift() ?? { status: 200, body: { ok: true } };
      setTimeout(() => {
        res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
        res.end(step.body === undefined ? '' : JSON.stringify(step.body));
      }, step.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  script = [];
  seen.length = 0;
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Validation off (these tests serve made-up bodies) unless `null` asks for the default. */
function client(validate: ((id: string, body: unknown) => void) | null = () => {}): AtlassianClient {
  const c = createAtlassianClient({
    ...(validate ? { validate } : {}),
    credentials: { site: { kind: 'basic', email: 'ada@acme.example', apiToken: 'ATATT3xToken0000000000' } },
    allowHosts: ['127.0.0.1'],
    baseUrls: { marketplace: base },
    options: { backoffBaseMs: 5, backoffMaxMs: 20 },
  });
  clients.push(c);
  return c;
}

const site = () => ({ cloudId: 'c0ffee', url: base, products: ['jira' as const] });

test('a 503 with Retry-After is waited out, then retried', async () => {
  script = [{ status: 503, headers: { 'retry-after': '1' }, body: { errorMessages: ['busy'] } }];
  const api = client();
  const started = Date.now();
  assert.deepEqual(await api.call('jira.serverInfo.get', { site: site() }), { ok: true });
  assert.equal(seen.length, 2);
  assert.ok((seen[1]?.at ?? 0) - started >= 1000, 'waited the second Retry-After asked for');
  assert.deepEqual(api.stats(), { calls: 2, retries: 1, rateLimited: 0 });
});

test('a 429 without Retry-After backs off and retries', async () => {
  script = [
    { status: 429, body: {} },
    { status: 429, body: {} },
  ];
  const api = client();
  assert.deepEqual(await api.call('jira.serverInfo.get', { site: site() }), { ok: true });
  assert.deepEqual(api.stats(), { calls: 3, retries: 2, rateLimited: 2 });
});

test('a 400 is not retried and names what Atlassian said', async () => {
  script = [
    { status: 400, body: { errorMessages: ["The value 'x' is invalid for the parameter 'startAt'."] } },
  ];
  const api = client();
  await assert.rejects(api.call('jira.serverInfo.get', { site: site() }), (e) => {
    assert.ok(e instanceof RequestRejectedError);
    assert.match(e.message, /invalid for the parameter 'startAt'/);
    return true;
  });
  assert.equal(seen.length, 1);
});

test('a redirect is never followed: one request, a RedirectedError naming the absolute target', async () => {
  script = [{ status: 301, headers: { location: '/rest/api/3/serverInfo?x=1' }, body: {} }];
  const api = client();
  await assert.rejects(api.call('jira.serverInfo.get', { site: site() }), (e) => {
    assert.ok(e instanceof RedirectedError);
    assert.equal(e.code, 'redirected');
    assert.equal(e.status, 301);
    assert.equal(e.location, `${base}/rest/api/3/serverInfo?x=1`);
    return true;
  });
  assert.equal(seen.length, 1);
});

test('a redirect target loses its userinfo and credential-looking query values', async () => {
  script = [
    { status: 302, headers: { location: 'https://u:p@acme.atlassian.net/x?token=abc&page=2' }, body: {} },
  ];
  const api = client();
  await assert.rejects(api.call('jira.serverInfo.get', { site: site() }), (e) => {
    assert.ok(e instanceof RedirectedError);
    assert.equal(e.location, 'https://acme.atlassian.net/x?token=REDACTED&page=2');
    assert.doesNotMatch(JSON.stringify(e), /abc|u:p/);
    return true;
  });
});

test('a 204 answers undefined', async () => {
  script = [{ status: 204 }];
  const api = client();
  assert.equal(
    await api.call('upm.jira.delete', { site: site(), params: { pluginKey: 'com.x' } }),
    undefined,
  );
  assert.equal(seen[0]?.method, 'DELETE');
  assert.equal(seen[0]?.url, '/rest/plugins/1.0/com.x-key');
});

test('UPM updates are sent as UPM’s plugin media type, GraphQL with the beta opt-in', async () => {
  const api = client();
  await api.call('upm.jira.update', {
    site: site(),
    params: { pluginKey: 'com.x' },
    body: { enabled: false },
  });
  assert.equal(seen[0]?.headers['content-type'], 'application/vnd.atl.plugins.plugin+json');
  assert.equal(seen[0]?.body, '{"enabled":false}');
  await api.call('graphql.appInstallations.list', { site: site(), body: { query: '{ __typename }' } });
  assert.equal(seen[1]?.headers['x-experimentalapi'], 'AppEnvironmentVersionTrustSignal');
  assert.equal(seen[1]?.headers['content-type'], 'application/json');
});

test('a caller’s abort stops a slow call at once with the caller’s reason', async () => {
  script = [{ status: 200, body: {}, delayMs: 2000 }];
  const api = client();
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(new Error('sync cancelled')), 50);
  await assert.rejects(
    api.call('jira.serverInfo.get', { site: site(), signal: controller.signal }),
    /sync cancelled/,
  );
  assert.ok(Date.now() - started < 1000);
});

test('list query values are sent as repeated parameters', async () => {
  const api = client();
  await api.call('jira.myPermissions.get', {
    site: site(),
    query: { permissions: 'BROWSE_PROJECTS', projectId: [1, 2] },
  });
  assert.equal(seen[0]?.url, '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectId=1&projectId=2');
});

test('by default a response missing a field Palisade relies on is a SchemaDriftError', async () => {
  script = [{ status: 200, body: { version: '1001.0.0' } }];
  const api = client(null);
  await assert.rejects(api.call('jira.serverInfo.get', { site: site() }), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'schema_drift');
    assert.match(e.message, /jira\.serverInfo.*baseUrl is missing/);
    return true;
  });
  assert.equal(seen.length, 1, 'drift is not retried');
});

test('public reads go out without any credential: Marketplace, tenant info, anonymous probes', async () => {
  const api = client();
  await api.call('marketplace.addon.get', { params: { addonKey: 'com.x' } });
  await api.call('site.tenantInfo.get', { site: site() });
  await api.call('jira.myPermissions.get', { site: site(), anonymous: true });
  await api.call('jira.myself.get', { site: site() });
  assert.deepEqual(
    seen.map((s) => [s.url, s.headers.authorization !== undefined]),
    [
      ['/rest/2/addons/com.x', false],
      ['/_edge/tenant_info', false],
      ['/rest/api/3/mypermissions', false],
      ['/rest/api/3/myself', true],
    ],
  );
});
