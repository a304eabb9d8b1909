import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { useHarness } from '../../simulator/testing/harness.ts';
import { TINY } from '../../simulator/testing/tiny-tenant.ts';
import { DEFAULT_TRANSPORT_OPTIONS } from '../atlassian/transport.ts';
import { describeError } from '../errors.ts';
import { connect } from './connect.ts';

// Discovery survives what the sync survives: a site answering 503 is tried as often as the sync
// tries, and when it never recovers the line says "service unavailable" once.

const h = useHarness();

const request = () =>
  connect(
    { sites: [h.siteA], siteCredential: { email: 'ada@acme.example', apiToken: TINY.adminToken } },
    {
      allowHosts: [h.siteA, h.api, h.marketplace, h.auth].map((u) => new URL(u).host),
      baseUrls: { api: h.api, marketplace: h.marketplace, auth: h.auth },
    },
  );

test('discovery retries a site answering 503 as often as the sync does, and says service unavailable once', async () => {
  const faults = { rules: [{ endpoints: ['site.tenantInfo.get'], errorRate: 1, errorStatus: 503 }] };
  assert.equal((await h.send('PUT', `${h.control}/faults`, faults)).status, 200);
  await h.send('POST', `${h.control}/counters/reset`, {});
  const error = await request().then(
    () => assert.fail('discovery succeeded against a site that only answers 503'),
    (e: unknown) => e,
  );
  const counters = (await (await h.get(`${h.control}/counters`)).json()) as { calls: Record<string, number> };
  assert.equal(counters.calls['site.tenantInfo.get'], DEFAULT_TRANSPORT_OPTIONS.maxAttempts);
  const line = describeError(error);
  assert.match(
    line,
    /^Atlassian answered with a server error: Service Unavailable \(.*→ 503\) — run the scan again later$/,
  );
  assert.equal(line.match(/server error/gi)?.length, 1, line);
});

test('a host that answers JSON but is no Atlassian site is said to be none, not a changed API', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok","version":"2.4.1"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const error = await connect(
      { sites: [url], siteCredential: { email: 'ada@acme.example', apiToken: TINY.adminToken } },
      { allowHosts: [new URL(url).host], baseUrls: { api: h.api, marketplace: h.marketplace, auth: h.auth } },
    ).then(
      () => assert.fail('discovery took a JSON server for a site'),
      (e: unknown) => e,
    );
    assert.match(describeError(error), new RegExp(`^${url} does not look like an Atlassian Cloud site`));
  } finally {
    server.close();
  }
});
