import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';
import { type AtlassianClient, createAtlassianClient } from './client.ts';
import type { Credentials } from './credentials.ts';
import { AtlassianError } from './errors.ts';
import { basicValue } from './redact.ts';

// No credential ever appears in an error a person or a log could read: not in the message, not
// in String(error), JSON.stringify(error) or util.inspect(error) — even when the server echoes
// the credential back in its error body, or a URL carries one.

const API_TOKEN = 'ATATT3xSecretApiToken0123456789abcdef';
const ORG_KEY = 'ATCTT3xSecretOrgKey0123456789abcdef';
const CLIENT_SECRET = 'oauth-client-secret-0123456789abcdef';
const ACCESS_TOKEN = 'oauth-access-token-0123456789abcdef';
const REFRESH_TOKEN = 'oauth-refresh-token-0123456789abcdef';
const EMAIL = 'ada@acme.example';
const SECRETS = [
  API_TOKEN,
  ORG_KEY,
  CLIENT_SECRET,
  ACCESS_TOKEN,
  REFRESH_TOKEN,
  basicValue(EMAIL, API_TOKEN),
];

/** A server that answers every path with the status its first segment names, echoing whatever credential it was sent. */
function echoing(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const echo = `${req.headers.authorization ?? ''} ${body}`;
    const kind = (req.url ?? '').split('/')[1] ?? '';
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    if (kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"echo": "${echo}`);
      return;
    }
    if (kind === 'oauth') return json(400, { error: 'invalid_request', error_description: `bad ${echo}` });
    if (kind === '429') return json(429, { message: echo }, { 'retry-after': '3600' });
    const status = Number(kind) || 400;
    json(status, { errorMessages: [`refused ${echo}`], message: echo, errors: [{ detail: echo }] });
  });
}

let server: Server;
let base: string;
const clients: AtlassianClient[] = [];

before(async () => {
  server = createServer(echoing);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(credentials: Credentials, prefix: string): AtlassianClient {
  const c = createAtlassianClient({
    credentials,
    allowHosts: ['127.0.0.1'],
    baseUrls: { api: `${base}/${prefix}`, auth: `${base}/${prefix}`, marketplace: `${base}/${prefix}` },
    options: {
      maxAttempts: 2,
      backoffBaseMs: 1,
      backoffMaxMs: 2,
      maxRetryAfterMs: 1000,
      headersTimeoutMs: 2000,
    },
  });
  clients.push(c);
  return c;
}

const basic: Credentials = { site: { kind: 'basic', email: EMAIL, apiToken: API_TOKEN }, orgApiKey: ORG_KEY };
const site = (prefix: string) => ({
  cloudId: 'c0ffee',
  url: `${base}/${prefix}`,
  products: ['jira' as const],
});

async function failure(promise: Promise<unknown>): Promise<AtlassianError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AtlassianError, `expected an AtlassianError, got ${String(error)}`);
    return error;
  }
  throw new Error('expected a failure');
}

function assertClean(error: AtlassianError, expectedCode: string): void {
  assert.equal(error.code, expectedCode);
  const views = [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 5 })];
  for (const view of views) {
    for (const secret of SECRETS)
      assert.ok(!view.includes(secret), `${error.code} leaks a credential: ${view}`);
  }
  assert.equal(JSON.parse(JSON.stringify(error)).code, expectedCode);
}

const cases: { name: string; code: string; run(): Promise<unknown> }[] = [
  {
    name: '401',
    code: 'credential_rejected',
    run: () => client(basic, 'x').call('jira.myself.get', { site: site('401') }),
  },
  {
    name: '403',
    code: 'forbidden',
    run: () => client(basic, 'x').call('jira.myself.get', { site: site('403') }),
  },
  {
    name: '404',
    code: 'not_found',
    run: () => client(basic, 'x').call('jira.myself.get', { site: site('404') }),
  },
  {
    name: '400',
    code: 'request_rejected',
    run: () => client(basic, 'x').call('jira.myself.get', { site: site('400') }),
  },
  {
    name: '500',
    code: 'server_error',
    run: () => client(basic, 'x').call('jira.myself.get', { site: site('500') }),
  },
  {
    name: '429',
    code: 'rate_limited',
    run: () => client(basic, 'x').call('jira.myself.get', { site: site('429') }),
  },
  {
    name: 'malformed',
    code: 'response_parse',
    run: () => client(basic, 'x').call('jira.myself.get', { site: site('malformed') }),
  },
  {
    name: 'org key 403',
    code: 'forbidden',
    run: () => client(basic, '403').call('admin.orgs.list'),
  },
  {
    name: 'network',
    code: 'network',
    run: () =>
      client(basic, 'x').call('jira.myself.get', { site: { ...site(''), url: 'http://127.0.0.1:1' } }),
  },
  {
    name: 'host with credentials in the URL',
    code: 'host_not_allowed',
    run: () =>
      client(basic, 'x').call('jira.myself.get', {
        site: { ...site(''), url: `https://${EMAIL}:${API_TOKEN}@acme.atlassian.net` },
      }),
  },
  {
    name: 'credential in the query',
    code: 'credential_rejected',
    run: () =>
      client(basic, 'x').call('jira.myself.get', {
        site: site('401'),
        query: { access_token: ACCESS_TOKEN },
      }),
  },
  {
    name: 'OAuth refresh refused',
    code: 'request_rejected',
    run: () =>
      client(
        {
          site: {
            kind: 'oauth',
            clientId: 'client',
            clientSecret: CLIENT_SECRET,
            tokens: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN, expiresAt: 0, scopes: [] },
            onTokens: () => {},
          },
        },
        'oauth',
      ).call('jira.myself.get', { site: site('x') }),
  },
];

for (const c of cases) {
  test(`a ${c.name} error carries no credential in its message, string, JSON or inspection`, async () => {
    assertClean(await failure(c.run()), c.code);
  });
}

test('errors say where they happened: endpoint, method, credential-free URL and status', async () => {
  const error = await failure(client(basic, 'x').call('jira.myself.get', { site: site('404') }));
  assert.deepEqual(
    { ...JSON.parse(JSON.stringify(error)), message: undefined },
    {
      name: 'NotFoundError',
      code: 'not_found',
      message: undefined,
      endpointId: 'jira.myself.get',
      method: 'GET',
      url: `${base}/404/rest/api/3/myself`,
      status: 404,
    },
  );
});
