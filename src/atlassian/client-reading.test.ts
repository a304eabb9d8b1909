import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import type { ResponseDrift } from './api.ts';
import { type AtlassianClient, createAtlassianClient } from './client.ts';

// What a caller of the client sees of tolerant reading (schemas/validate-response.ts): unusable
// items are gone from what it gets, paging still follows what Atlassian sent, and `onDrift` hears
// what was left out or differed — GraphQL errors beside data included; and an error names the
// cause Atlassian's body gives, whatever its shape (error-body.ts).

/** A reply: a JSON body (status 200), or a status with a JSON value or raw text. */
type Reply = unknown;
const isStatus = (r: unknown): r is { status: number; json?: unknown; text?: string } =>
  typeof r === 'object' && r !== null && typeof (r as { status?: unknown }).status === 'number';

let server: Server;
let base: string;
let bodies: Reply[] = [];
const urls: string[] = [];
const clients: AtlassianClient[] = [];

before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      urls.push(req.url ?? '');
      const reply = bodies.shift() ?? {};
      res.writeHead(isStatus(reply) ? reply.status : 200, { 'content-type': 'application/json' });
      res.end(isStatus(reply) ? (reply.text ?? JSON.stringify(reply.json)) : JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  bodies = [];
  urls.length = 0;
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(): AtlassianClient {
  const c = createAtlassianClient({
    credentials: { site: { kind: 'basic', email: 'ada@acme.example', apiToken: 'ATATT3xToken0000000000' } },
    allowHosts: ['127.0.0.1'],
  });
  clients.push(c);
  return c;
}

const site = () => ({ cloudId: 'c0ffee', url: base, products: ['jira' as const] });
const project = (id: number, key: string | null) => ({ id: String(id), key, name: `Project ${id}` });

test('a call leaves unusable items out of what it returns and tells onDrift how many and why', async () => {
  bodies = [
    {
      permissionSchemes: [
        {
          id: 1,
          name: 'Default',
          permissions: [
            { id: 1, permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } },
            { id: 2, permission: 'BROWSE_PROJECTS', holder: null },
          ],
        },
      ],
    },
  ];
  const drifts: ResponseDrift[] = [];
  const body = await client().call('jira.permissionSchemes.list', {
    site: site(),
    onDrift: (d) => drifts.push(d),
  });
  // `permissions` is not relied on: its type is unknown until looked at, as in a collector.
  const grants = body.permissionSchemes[0]?.permissions;
  assert.ok(Array.isArray(grants));
  assert.equal(grants.length, 1);
  assert.deepEqual(drifts, [
    {
      endpointId: 'jira.permissionSchemes.list',
      skipped: [
        {
          field: 'permissionSchemes[].permissions[].holder',
          problem: 'is null',
          expected: 'object',
          count: 1,
        },
      ],
      warnings: [],
      errors: [],
    },
  ]);
});

test('paging follows the page as Atlassian sent it, though an item of it was left out', async () => {
  bodies = [
    {
      startAt: 0,
      maxResults: 3,
      isLast: false,
      values: [project(1, 'A'), project(2, null), project(3, 'C')],
    },
    { startAt: 3, maxResults: 3, isLast: true, values: [project(4, 'D')] },
  ];
  const drifts: ResponseDrift[] = [];
  const keys: string[] = [];
  for await (const page of client().pages('jira.projects.search', {
    site: site(),
    pageSize: 3,
    onDrift: (d) => drifts.push(d),
  })) {
    keys.push(...page.items.map((p) => p.key));
  }
  assert.deepEqual(keys, ['A', 'C', 'D']);
  assert.match(urls[1] ?? '', /startAt=3/, 'the second page starts after the three items sent');
  assert.deepEqual(
    drifts.map((d) => d.skipped.map((s) => [s.field, s.count])),
    [[['values[].key', 1]]],
  );
});

test('a response that matches the documentation says nothing', async () => {
  bodies = [{ isLast: true, values: [project(1, 'A')] }];
  let told = 0;
  for await (const _ of client().pages('jira.projects.search', { site: site(), onDrift: () => told++ })) {
    // read it all
  }
  assert.equal(told, 0);
});

const INSTALLATIONS = 'query q($first: Int, $after: String) { x }';
const connection = (nodes: unknown[]) => ({
  data: {
    ecosystem: { appInstallationsByContext: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } },
  },
});
const node = (id: string, app: unknown) => ({
  id,
  installationContext: 'ari:cloud:jira::site/c0ffee',
  app,
  appEnvironmentVersion: null,
});

test('GraphQL errors beside data keep the data and are noted; the unresolved app is left out', async () => {
  bodies = [
    {
      ...connection([node('1', { id: 'ari:1', name: 'One' }), node('2', null)]),
      errors: [
        {
          message: 'Failed to fetch the app',
          path: ['ecosystem', 'appInstallationsByContext', 'nodes', 1, 'app'],
          extensions: { statusCode: 500 },
        },
      ],
    },
  ];
  const drifts: ResponseDrift[] = [];
  const ids: string[] = [];
  for await (const page of client().pages('graphql.appInstallations.list', {
    site: site(),
    body: { query: INSTALLATIONS },
    onDrift: (d) => drifts.push(d),
  })) {
    ids.push(...page.items.map((n) => (n as { id: string }).id));
  }
  assert.deepEqual(ids, ['1']);
  assert.deepEqual(
    drifts.flatMap((d) => d.errors),
    ['Failed to fetch the app (at ecosystem.appInstallationsByContext.nodes[].app)'],
  );
  assert.deepEqual(
    drifts.flatMap((d) => d.skipped.map((s) => s.field)),
    ['data.ecosystem.appInstallationsByContext.nodes[].app'],
  );
});

test('GraphQL errors without data are the answer: a forbidden field is a ForbiddenError', async () => {
  bodies = [{ data: null, errors: [{ message: 'Not permitted', extensions: { statusCode: 403 } }] }];
  await assert.rejects(
    async () => {
      for await (const _ of client().pages('graphql.appInstallations.list', {
        site: site(),
        body: { query: INSTALLATIONS },
      })) {
        // nothing to read
      }
    },
    (e: Error & { code?: string }) => e.code === 'forbidden' && /Not permitted/.test(e.message),
  );
});

test('UPM’s refusals reach the error as their cause: a sub-code body and a bare sentence', async () => {
  const pluginKey = { pluginKey: 'com.atlassian.jira.emoji' };
  bodies = [
    { status: 403, json: { errorMessage: null, subCode: 'upm.pluginUninstall.error.plugin.is.system' } },
    { status: 403, text: 'Cannot access this resource on this system.' },
  ];
  const api = client();
  await assert.rejects(
    api.call('upm.jira.delete', { site: site(), params: pluginKey }),
    (e: Error & { reason?: string }) => {
      assert.match(e.reason ?? '', /system app.*\(upm\.pluginUninstall\.error\.plugin\.is\.system\)/);
      return true;
    },
  );
  await assert.rejects(
    api.call('upm.jira.delete', { site: site(), params: pluginKey }),
    (e: Error & { reason?: string }) => {
      assert.match(e.reason ?? '', /Cannot access this resource on this system\./);
      return true;
    },
  );
});
