import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SchemaDriftError } from './drift-error.ts';
import type { ResponseOf } from './response-of.ts';
import { createResponseValidator, type SettledResponse, validateResponse } from './validate-response.ts';

// The validator's behaviour a collector notices, without a simulator: what it leaves out, what it
// only warns about, what makes a body unusable, how it words each, and that it never repeats
// what the response contained.

const user = (overrides: Record<string, unknown> = {}) => ({
  accountId: '5b10a2844c20165700ede21a',
  accountType: 'atlassian',
  displayName: 'Ada Admin',
  emailAddress: 'ada@acme.example',
  active: true,
  ...overrides,
});

/** A copy of `body` checked and settled; `body` itself is left as it was. */
function read(endpointId: string, body: unknown): { body: unknown } & SettledResponse {
  const copy = JSON.parse(JSON.stringify(body)) as unknown;
  const settled = validateResponse(endpointId, copy).settle();
  return { body: copy, ...settled };
}

function drift(endpointId: string, body: unknown): SchemaDriftError {
  try {
    read(endpointId, body);
  } catch (error) {
    if (error instanceof SchemaDriftError) return error;
    throw error;
  }
  assert.fail(`${endpointId}: expected a SchemaDriftError`);
}

test('an item missing a field Palisade relies on is left out and counted; the others are kept', () => {
  const users = [user(), user({ accountId: undefined }), user(), user({ accountId: undefined })];
  const result = read('jira.users.search', users);
  assert.equal((result.body as unknown[]).length, 2);
  assert.equal(result.removed.size, 2);
  assert.deepEqual(result.drift, {
    endpointId: 'jira.users.search',
    skipped: [{ field: '[].accountId', problem: 'is missing', expected: 'required string', count: 2 }],
    warnings: [],
    errors: [],
  });
});

test('a relied-on field that is null or of another type leaves its item out too', () => {
  const page = {
    isLast: true,
    values: [
      { id: '10000', key: 'ENG', name: 'Engineering' },
      { id: '10001', key: null, name: 'Null key' },
      { id: '10002', key: 7, name: 'Number key' },
    ],
  };
  const result = read('jira.projects.search', page);
  assert.deepEqual(
    (result.body as { values: { key: string }[] }).values.map((p) => p.key),
    ['ENG'],
  );
  assert.deepEqual(
    result.drift?.skipped.map((s) => [s.field, s.problem, s.count]),
    [
      ['values[].key', 'is null', 1],
      ['values[].key', 'is an integer', 1],
    ],
  );
});

test('the innermost item is what is left out: a grant without a holder, not its scheme', () => {
  const grant = (id: number, holder: unknown) => ({ id, permission: 'BROWSE_PROJECTS', holder });
  const body = {
    permissionSchemes: [
      {
        id: 1,
        name: 'Default',
        permissions: [
          grant(1, { type: 'anyone' }),
          grant(2, null),
          grant(3, { type: 'group', parameter: null }),
        ],
      },
    ],
  };
  const result = read('jira.permissionSchemes.list', body);
  const schemes = (result.body as { permissionSchemes: { permissions: { id: number }[] }[] })
    .permissionSchemes;
  assert.equal(schemes.length, 1);
  assert.deepEqual(
    schemes[0]?.permissions.map((g) => g.id),
    [1, 3],
  );
  assert.deepEqual(result.drift?.skipped, [
    { field: 'permissionSchemes[].permissions[].holder', problem: 'is null', expected: 'object', count: 1 },
  ]);
});

test('a relied-on field outside any item makes the body unusable, named without its values', () => {
  const error = drift('jira.serverInfo.get', { version: '1001.0.0', serverTitle: 'Acme' });
  assert.equal(error.code, 'schema_drift');
  assert.equal(error.endpointId, 'jira.serverInfo.get');
  assert.equal(error.field, 'baseUrl');
  assert.equal(
    error.message,
    "Atlassian's response for jira.serverInfo.get no longer matches: baseUrl is missing (expected: required string)",
  );
  assert.equal(drift('jira.projects.search', { isLast: true }).field, 'values');
  assert.equal(drift('jira.users.search', { values: [] }).field, '(body)');
});

test('a field Palisade does not rely on may be absent or null without a word', () => {
  const result = read('jira.users.search', [
    user({ emailAddress: null }),
    user({ displayName: undefined, active: null }),
  ]);
  assert.equal(result.drift, null);
  assert.equal((result.body as unknown[]).length, 2);
});

test('another type in a field Palisade does not rely on is a warning, and the item is kept', () => {
  const result = read('jira.users.search', [
    user({ displayName: { first: 'Ada', email: 'ada@acme.example' } }),
    user(),
  ]);
  assert.equal((result.body as unknown[]).length, 2);
  assert.deepEqual(result.drift?.warnings, [
    { field: '[].displayName', problem: 'is an object', expected: 'string or null', count: 1 },
  ]);
  assert.doesNotMatch(JSON.stringify(result.drift), /Ada|acme/);
});

test('a value outside a documented enum is a warning listing the documented values, not the value', () => {
  const result = read('jira.users.search', [
    user({ accountType: 'robot-overlord' }),
    user({ accountType: 'robot-overlord' }),
  ]);
  assert.deepEqual(result.drift?.warnings, [
    {
      field: '[].accountType',
      problem: 'has an undocumented value',
      expected: 'one of "atlassian", "app", "customer", "unknown"',
      count: 2,
    },
  ]);
  assert.doesNotMatch(JSON.stringify(result.drift), /robot-overlord/);
});

test('keys that are not identifiers are quoted in the path', () => {
  const result = read('jira.projectRoles.list', {
    Developers: 'https://x/role/10001',
    'Service Desk Team': 7,
  });
  assert.equal(result.drift?.warnings[0]?.field, '["Service Desk Team"]');
});

test('unknown extra fields are accepted at every level', () => {
  assert.equal(read('jira.users.search', [user({ newField: { deep: [1] } })]).drift, null);
  assert.equal(
    read('admin.directories.list', { data: [{ directoryId: 'd', name: 'n', extra: 1 }], more: true }).drift,
    null,
  );
});

test('endpoints without a JSON body accept anything; an unknown endpoint id is a programming error', () => {
  assert.equal(validateResponse('usermgmt.apiTokens.delete', undefined).settle().drift, null);
  assert.equal(validateResponse('upm.jira.delete', undefined).settle().drift, null);
  assert.throws(
    () => validateResponse('jira.userz', []),
    (e: unknown) => !(e instanceof SchemaDriftError),
  );
});

test('zod-checked endpoints are read the same way and report in the same words', () => {
  const error = drift('site.tenantInfo.get', { cloudId: 42 });
  assert.equal(error.field, 'cloudId');
  assert.equal(error.expected, 'string');
  assert.equal(
    error.message,
    "Atlassian's response for site.tenantInfo.get no longer matches: cloudId is an integer (expected: string)",
  );
  assert.equal(drift('oauth.accessibleResources.list', {}).field, '(body)');
  const plugins = read('upm.jira.list', {
    plugins: [
      {
        key: 'a',
        name: 'A',
        version: '1',
        enabled: true,
        userInstalled: true,
        vendor: { marketplaceLink: null },
      },
      {
        key: 'b',
        name: 'B',
        version: '1',
        enabled: true,
        userInstalled: true,
        vendor: null,
        description: null,
      },
      { name: 'No key', version: '1', enabled: true, userInstalled: true },
    ],
  });
  assert.equal((plugins.body as { plugins: unknown[] }).plugins.length, 2);
  assert.deepEqual(plugins.drift?.skipped, [
    { field: 'plugins[].key', problem: 'is missing', expected: 'required string', count: 1 },
  ]);
  assert.deepEqual(plugins.drift?.warnings, []);
});

test('GraphQL: null nodes and nodes whose app is null are left out, the data beside them kept', () => {
  const node = (id: string, app: unknown) => ({
    id,
    installationContext: 'ari:cloud:jira::site/c0ffee',
    app,
    appEnvironmentVersion: null,
  });
  const result = read('graphql.appInstallations.list', {
    data: {
      ecosystem: {
        appInstallationsByContext: {
          pageInfo: { hasNextPage: false, endCursor: null },
          nodes: [node('1', { id: 'ari:a', name: 'A' }), null, node('3', null)],
        },
      },
    },
    errors: [
      { message: 'could not fetch', path: ['ecosystem', 'appInstallationsByContext', 'nodes', 2, 'app'] },
    ],
  });
  const nodes = (
    result.body as { data: { ecosystem: { appInstallationsByContext: { nodes: { id: string }[] } } } }
  ).data.ecosystem.appInstallationsByContext.nodes;
  assert.deepEqual(
    nodes.map((n) => n.id),
    ['1'],
  );
  assert.deepEqual(
    result.drift?.skipped.map((s) => [s.field, s.problem]),
    [
      ['data.ecosystem.appInstallationsByContext.nodes[]', 'is null'],
      ['data.ecosystem.appInstallationsByContext.nodes[].app', 'is null'],
    ],
  );
});

test('schemas load and compile on first use: a validator with no spec schemas still checks zod endpoints', () => {
  let loads = 0;
  const validator = createResponseValidator({
    loadSpecSchemas: () => {
      loads++;
      return {};
    },
  });
  validator.validate('site.tenantInfo.get', { cloudId: 'c' }).settle();
  assert.equal(loads, 0);
  validator.validate('usermgmt.apiTokens.delete', undefined).settle();
  validator.validate('jira.users.search', []).settle();
  assert.equal(loads, 1);
});

test('ResponseOf gives the generated type for spec endpoints and the zod type for the others', () => {
  const users: ResponseOf<'jira.users.search'> = [{ accountId: 'a', accountType: 'app' }];
  const info: ResponseOf<'site.tenantInfo.get'> = { cloudId: 'c' };
  const id: string = users[0]?.accountId ?? info.cloudId;
  assert.equal(id, 'a');
});
