import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SchemaDriftError } from './drift-error.ts';
import type { ResponseOf } from './response-of.ts';
import { createResponseValidator, validateResponse } from './validate-response.ts';

// The validator's behaviour a collector notices, without a simulator: which problem it reports,
// how it words it, and that it never repeats what the response contained.

const user = (overrides: Record<string, unknown> = {}) => ({
  accountId: '5b10a2844c20165700ede21a',
  accountType: 'atlassian',
  displayName: 'Ada Admin',
  emailAddress: 'ada@acme.example',
  active: true,
  ...overrides,
});

function drift(endpointId: string, body: unknown): SchemaDriftError {
  try {
    validateResponse(endpointId, body);
  } catch (error) {
    if (error instanceof SchemaDriftError) return error;
    throw error;
  }
  assert.fail(`${endpointId}: expected a SchemaDriftError`);
}

test('a missing required field names the endpoint, the field path and the expected type', () => {
  const users = [user(), user(), user(), user({ accountId: undefined })];
  const error = drift('jira.users', JSON.parse(JSON.stringify(users)));
  assert.equal(error.code, 'schema_drift');
  assert.equal(error.endpointId, 'jira.users');
  assert.equal(error.field, '[3].accountId');
  assert.equal(error.expected, 'required string');
  assert.equal(
    error.message,
    "Atlassian's response for jira.users no longer matches: [3].accountId is missing (expected: required string)",
  );
});

test('a paged list names the item: values[3].key', () => {
  const project = { id: '10000', key: 'ENG', name: 'Engineering' };
  const page = { isLast: true, values: [project, project, project, { id: '10003', name: 'No key' }] };
  assert.equal(drift('jira.projects', page).field, 'values[3].key');
});

test('a missing field is reported before a mistyped one, whatever their order', () => {
  const users = [user({ active: 'yes' }), user({ accountId: undefined })];
  const error = drift('jira.users', JSON.parse(JSON.stringify(users)));
  assert.equal(error.field, '[1].accountId');
});

test('a wrong type says what was found and what was expected, never the value', () => {
  const error = drift('jira.users', [user({ displayName: { first: 'Ada', email: 'ada@acme.example' } })]);
  assert.equal(error.field, '[0].displayName');
  assert.equal(error.expected, 'string');
  assert.match(error.message, /\[0\]\.displayName is an object \(expected: string\)$/);
  assert.doesNotMatch(JSON.stringify(error), /Ada|acme/);
});

test('a nullable field names both allowed types', () => {
  // Confluence v1 `User.displayName` is `nullable: true`.
  const members = {
    results: [{ type: 'known', displayName: 12 }],
    start: 0,
    limit: 200,
    size: 1,
    _links: {},
  };
  const error = drift('confluence.groupMembers', members);
  assert.equal(error.field, 'results[0].displayName');
  assert.equal(error.expected, 'string or null');
  assert.doesNotThrow(() =>
    validateResponse('confluence.groupMembers', {
      ...members,
      results: [{ type: 'known', displayName: null }],
    }),
  );
});

test('a value outside a documented enum lists the documented values, not the value found', () => {
  const error = drift('jira.users', [user({ accountType: 'robot-overlord' })]);
  assert.equal(error.field, '[0].accountType');
  assert.equal(error.expected, 'one of "atlassian", "app", "customer", "unknown"');
  assert.doesNotMatch(error.message, /robot-overlord/);
});

test('keys that are not identifiers are quoted in the path', () => {
  const error = drift('jira.projectRoles', { Developers: 'https://x/role/10001', 'Service Desk Team': 7 });
  assert.equal(error.field, '["Service Desk Team"]');
});

test('unknown extra fields are accepted at every level', () => {
  assert.doesNotThrow(() => validateResponse('jira.users', [user({ newField: { deep: [1] } })]));
  assert.doesNotThrow(() =>
    validateResponse('admin.directories.list', {
      data: [{ directoryId: 'd', name: 'n', extra: 1 }],
      more: true,
    }),
  );
});

test('endpoints without a JSON body accept anything; an unknown endpoint id is a programming error', () => {
  assert.doesNotThrow(() => validateResponse('usermgmt.apiTokens.delete', undefined));
  assert.doesNotThrow(() => validateResponse('upm.jira.delete', undefined));
  assert.throws(
    () => validateResponse('jira.userz', []),
    (e: unknown) => !(e instanceof SchemaDriftError),
  );
});

test('zod-checked endpoints report drift in the same words', () => {
  const error = drift('site.tenantInfo', { cloudId: 42 });
  assert.equal(error.field, 'cloudId');
  assert.equal(error.expected, 'string');
  assert.equal(
    error.message,
    "Atlassian's response for site.tenantInfo no longer matches: cloudId is an integer (expected: string)",
  );
  assert.equal(drift('oauth.accessibleResources', {}).field, '(body)');
});

test('schemas load and compile on first use: a validator with no spec schemas still checks zod endpoints', () => {
  let loads = 0;
  const validator = createResponseValidator({
    loadSpecSchemas: () => {
      loads++;
      return {};
    },
  });
  validator.validate('site.tenantInfo', { cloudId: 'c' });
  assert.equal(loads, 0);
  validator.validate('usermgmt.apiTokens.delete', undefined);
  validator.validate('jira.users', []);
  assert.equal(loads, 1);
});

test('ResponseOf gives the generated type for spec endpoints and the zod type for the others', () => {
  const users: ResponseOf<'jira.users'> = [{ accountId: 'a', accountType: 'app' }];
  const info: ResponseOf<'site.tenantInfo'> = { cloudId: 'c' };
  const id: string = users[0]?.accountId ?? info.cloudId;
  assert.equal(id, 'a');
});
