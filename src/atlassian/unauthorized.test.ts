import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { type AtlassianClient, createAtlassianClient } from './client.ts';
import type { Credentials } from './credentials.ts';
import { AnonymousRefusedError, CredentialRejectedError, ForbiddenError } from './errors.ts';
import { refusedDespiteWorkingCredential, SITE_ADMIN } from './unauthorized.ts';

// What a 401 becomes in the client, from the answers real Atlassian sends: the gateway's scope
// check, UPM's bare-text refusal, a refused anonymous probe, a plain refused token.

interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as is when a string, else as JSON. */
  body: unknown;
}

let server: Server;
let base: string;
let answer: Answer = { status: 200, body: {} };
let requests = 0;
const clients: AtlassianClient[] = [];

before(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  requests = 0;
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const TOKEN = 'ATATT3xToken0000000000';
const basic: Credentials = { site: { kind: 'basic', email: 'ada@acme.example', apiToken: TOKEN } };

function client(credentials: Credentials = basic): AtlassianClient {
  const c = createAtlassianClient({
    credentials,
    validate: () => {},
    allowHosts: ['127.0.0.1'],
    baseUrls: { api: base },
    options: { backoffBaseMs: 5, backoffMaxMs: 20 },
  });
  clients.push(c);
  return c;
}

const site = () => ({ cloudId: 'c0ffee', url: base, products: ['jira' as const] });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

test('the gateway’s 401 “scope does not match” is a ForbiddenError naming the endpoint’s scope', async () => {
  answer = { status: 401, body: { code: 401, message: 'Unauthorized; scope does not match' } };
  const error = await failure(client().call('jira.projects.search', { site: site() }));
  assert.ok(error instanceof ForbiddenError, String(error));
  assert.deepEqual(error.missing, ['read:jira-work']);
  assert.equal(error.status, 401);
  assert.match(error.reason, /the token lacks the scope read:jira-work/);
  assert.match(error.reason, /Unauthorized; scope does not match/);
  assert.equal(requests, 1, 'never retried');
});

test('the scope-check failure header alone says the same, whatever the body', async () => {
  answer = { status: 401, headers: { 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' }, body: {} };
  const error = await failure(client().call('jira.permissionSchemes.list', { site: site() }));
  assert.ok(error instanceof ForbiddenError, String(error));
  assert.deepEqual(error.missing, ['read:jira-work']);
});

test('a scope mismatch on an endpoint that declares no scope still reads as forbidden, not revoked', async () => {
  answer = { status: 401, body: { code: 401, message: 'Unauthorized; scope does not match' } };
  const error = await failure(client().call('upm.jira.list', { site: site() }));
  assert.ok(error instanceof ForbiddenError, String(error));
  assert.deepEqual(error.missing, []);
  assert.match(error.reason, /scopes do not cover this endpoint/);
});

test('UPM’s bare-text 401 is a refused credential that keeps UPM’s words and the credential kind', async () => {
  answer = { status: 401, body: 'Must have permission to access this resource.' };
  const error = await failure(client().call('upm.jira.list', { site: site() }));
  assert.ok(error instanceof CredentialRejectedError, String(error));
  assert.equal(error.serverMessage, 'Must have permission to access this resource.');
  assert.equal(error.authKind, 'basic');
  assert.equal(requests, 1);
});

test('an HTML 401 page is not taken for a message', async () => {
  answer = { status: 401, body: '<html><body>Unauthorized (401)</body></html>' };
  const error = await failure(client().call('jira.myself.get', { site: site() }));
  assert.ok(error instanceof CredentialRejectedError, String(error));
  assert.equal(error.serverMessage, undefined);
});

test('a 401 to an unauthenticated probe is AnonymousRefusedError: no credential was refused', async () => {
  answer = { status: 401, body: { errorMessages: ['You are not authenticated.'], errors: {} } };
  const error = await failure(client({}).call('jira.myPermissions.get', { site: site(), anonymous: true }));
  assert.ok(error instanceof AnonymousRefusedError, String(error));
  assert.equal(error.code, 'anonymous_refused');
  assert.match(error.message, /refuses unauthenticated calls \(You are not authenticated\.\)/);
});

test('the org key’s plain 401 is a refused credential of kind org-key, and its text never carries the key', async () => {
  const key = 'org-key-secret-123456';
  answer = { status: 401, body: { code: 401, message: `Unauthorized key ${key}` } };
  const error = await failure(client({ orgApiKey: key }).call('admin.orgs.list'));
  assert.ok(error instanceof CredentialRejectedError, String(error));
  assert.equal(error.authKind, 'org-key');
  assert.ok(!JSON.stringify(error).includes(key));
  assert.match(error.serverMessage ?? '', /Unauthorized key/);
});

test('once a canary shows the credential working, UPM’s 401 means “not a site administrator”', () => {
  const refused = {
    endpointId: 'upm.confluence.list',
    method: 'GET',
    url: 'https://acme.atlassian.net/wiki/rest/plugins/1.0/',
    status: 401,
    serverMessage: 'Must have permission to access this resource.',
  };
  const upm = refusedDespiteWorkingCredential(refused, 'GET /rest/api/3/myself');
  assert.ok(upm instanceof ForbiddenError);
  assert.deepEqual(upm.missing, [SITE_ADMIN]);
  assert.match(
    upm.reason,
    /^the account is not a site administrator: the Universal Plugin Manager answered 401/,
  );
  assert.match(upm.reason, /"Must have permission to access this resource\."/);
  assert.match(upm.reason, /GET \/rest\/api\/3\/myself/);
  assert.equal(upm.status, 401);

  const other = refusedDespiteWorkingCredential(
    { ...refused, endpointId: 'jira.auditRecords.list', serverMessage: undefined },
    'GET /rest/api/3/myself',
  );
  assert.match(other.reason, /Atlassian answered 401 although the same credential works/);
  assert.deepEqual(other.missing, []);
});
