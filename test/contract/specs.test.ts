import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SpecFile } from '../../src/atlassian/catalogue/index.ts';
import { formatIssues, responseValidator, SPECS_DIR, serverBasePath } from './specs.ts';

// The validator itself: it must reject what the specs forbid (so a passing contract test means
// something) and accept only the documented OpenAPI 3.0 quirks.

const domainPage = (status: string, extra: Record<string, unknown> = {}) => ({
  data: [
    {
      id: 'd0000000-0000-4000-8000-000000000001',
      type: 'domains',
      attributes: { name: 'acme.example', claim: { type: 'dns', status } },
      links: {
        self: 'https://api.atlassian.com/admin/v1/orgs/o/domains/d0000000-0000-4000-8000-000000000001',
      },
      ...extra,
    },
  ],
  links: { self: 'https://api.atlassian.com/admin/v1/orgs/o/domains' },
});
const domains = () => responseValidator('admin-organizations-v1', '/orgs/{orgId}/domains', 'get', '200');

test('the specs are read from spec/atlassian inside the repository', () => {
  assert.match(SPECS_DIR, /\/spec\/atlassian$/);
  assert.equal(serverBasePath('admin-organizations-v1'), '/admin/v1');
});

test('a body that follows the spec passes', () => {
  assert.deepEqual(domains().validate(domainPage('verified')), []);
});

test('a value outside an enum fails at its JSON pointer, naming the allowed values', () => {
  const issues = domains().validate(domainPage('VERIFIED'));
  assert.deepEqual(issues, [
    {
      pointer: '/data/0/attributes/claim/status',
      message: 'must be one of ["verified","deleted","unverified","superseded","missing_token"]',
      value: '"VERIFIED"',
    },
  ]);
});

test('a missing required field fails at the pointer it should have been at', () => {
  const body = domainPage('verified');
  delete (body.data[0] as { links?: unknown }).links;
  assert.deepEqual(
    domains()
      .validate(body)
      .map((i) => i.pointer),
    ['/data/0/links'],
  );
});

test('failure messages name the endpoint, the operation and each failing field', () => {
  const v = domains();
  const message = formatIssues('admin.domains.list', v, v.validate(domainPage('VERIFIED')));
  assert.match(
    message,
    /^admin\.domains\.list: the body does not match GET \/orgs\/\{orgId\}\/domains → 200/,
  );
  assert.match(message, /\/data\/0\/attributes\/claim\/status: must be one of .* \(got "VERIFIED"\)/);
});

test('by default, fields the spec does not declare are accepted and listed', () => {
  const serverInfo = responseValidator('jira-platform-rest-v3', '/rest/api/3/serverInfo', 'get', '200');
  const body = { baseUrl: 'https://acme.atlassian.net', deploymentType: 'Cloud', somethingNew: true };
  assert.deepEqual(serverInfo.validate(body), []);
  assert.deepEqual(serverInfo.undocumented(body), ['/somethingNew']);
  assert.deepEqual(domains().validate(domainPage('verified', { extra: 1 })), []);
  assert.deepEqual(domains().undocumented(domainPage('verified', { extra: 1 })), ['/data/*/extra']);
});

/** A validator that rejects undeclared fields, for a GET. */
const strict = (file: SpecFile, path: string, status = '200') =>
  responseValidator(file, path, 'get', status, { undeclaredFields: 'reject' });

test('rejecting undeclared fields catches an invented field where the spec leaves the object open', () => {
  const org = strict('admin-organizations-v1', '/orgs/{orgId}');
  const body = (attributes: Record<string, unknown>, id: unknown = 'o1') => ({
    data: { id, type: 'orgs', attributes, relationships: {}, links: { self: 's' } },
  });
  assert.deepEqual(org.validate(body({ name: 'Acme' })), []);
  assert.deepEqual(org.validate(body({ name: 'Acme', plan: 'PREMIUM' })), [
    { pointer: '/data/attributes/plan', message: 'is not declared by the spec' },
  ]);
  assert.deepEqual(
    org.validate(body({ name: 'Acme' }, 7)).map((i) => `${i.pointer} ${i.message}`),
    ['/data/id must be string'],
  );
});

test('rejecting undeclared fields catches invented fields, nulls and missing required fields in Jira beans', () => {
  const license = strict('jira-platform-rest-v3', '/rest/api/3/instance/license');
  const app = (fields: Record<string, unknown>) => ({ applications: [{ id: 'jira-software', ...fields }] });
  assert.deepEqual(license.validate(app({ plan: 'PAID' })), []);
  assert.deepEqual(
    license.validate(app({ plan: 'PAID', seats: 10 })).map((i) => i.pointer),
    ['/applications/0/seats'],
  );
  assert.deepEqual(
    license.validate(app({ plan: null })).map((i) => `${i.pointer} ${i.message}`),
    [
      '/applications/0/plan must be string',
      '/applications/0/plan must be one of ["UNLICENSED","FREE","PAID"]',
    ],
  );
  assert.deepEqual(
    license.validate(app({})).map((i) => `${i.pointer} ${i.message}`),
    ['/applications/0/plan is required by the spec but missing'],
  );
});

test('a field is declared when any member of an allOf declares it', () => {
  // Error.OrgNotFound.Model items: allOf [ApplicationError, {code: enum [ADMIN-404-2]}].
  const notFound = strict('admin-organizations-v1', '/orgs/{orgId}', '404');
  const error = { id: 'e1', status: '404', code: 'ADMIN-404-2', title: 'Not Found', detail: 'No org' };
  assert.deepEqual(notFound.validate({ errors: [error] }), []);
  assert.deepEqual(
    notFound.validate({ errors: [{ ...error, hint: 'x' }] }).map((i) => i.pointer),
    ['/errors/0/hint'],
  );
  assert.deepEqual(
    notFound.validate({ errors: [{ ...error, code: 'ADMIN-404-3' }] }).map((i) => i.pointer),
    ['/errors/0/code'],
  );
});

test('fields production sends though the spec omits them are declared, with their type', () => {
  const audit = strict('jira-platform-rest-v3', '/rest/api/3/auditing/record');
  assert.deepEqual(audit.validate({ records: [{ id: 1, authorAccountId: '5b10a2844c20165700ede21g' }] }), []);
  assert.deepEqual(
    audit.validate({ records: [{ id: 1, authorAccountId: 7 }] }).map((i) => `${i.pointer} ${i.message}`),
    ['/records/0/authorAccountId must be string'],
  );
  const tokens = strict('admin-user-management', '/users/{accountId}/manage/api-tokens');
  const token = { id: 't1', label: 'ci', createdAt: '2026-01-01T00:00:00Z' };
  assert.deepEqual(tokens.validate([{ ...token, expiry: '2027-01-01T00:00:00Z' }]), []);
  assert.deepEqual(
    tokens.validate([{ ...token, scopes: [] }]).map((i) => i.pointer),
    ['/0/scopes'],
  );
  const addon = strict('marketplace-rest-v2', '/addons/{addonKey}');
  const programs = (cloudFortified: Record<string, unknown>) =>
    addon
      .validate({ name: 'A', key: 'a', programs: { cloudFortified }, storesPersonalData: true })
      .filter((i) => i.pointer.startsWith('/programs') || i.pointer === '/storesPersonalData');
  assert.deepEqual(programs({ status: 'approved' }), []);
  assert.deepEqual(
    programs({ status: 'approved', since: 2024 }).map((i) => i.pointer),
    ['/programs/cloudFortified/since'],
  );
});

test('nullable fields accept null and still check the type otherwise', () => {
  const groups = responseValidator('jira-platform-rest-v3', '/rest/api/3/group/bulk', 'get', '200');
  assert.deepEqual(groups.validate({ values: [{ name: 'jira-admins', groupId: null }] }), []);
  assert.deepEqual(
    groups.validate({ values: [{ name: 'jira-admins', groupId: 5 }] }).map((i) => i.pointer),
    ['/values/0/groupId'],
  );
  const policies = responseValidator('admin-organizations-v1', '/orgs/{orgId}/policies', 'get', '200');
  assert.deepEqual(policies.validate({ data: [], meta: { next: null, page_size: 20 } }), []);
});

test("array items that reference a response object are checked against that response's schema", () => {
  const tokens = responseValidator(
    'admin-user-management',
    '/users/{accountId}/manage/api-tokens',
    'get',
    '200',
  );
  assert.deepEqual(tokens.validate([{ id: 't1', label: 'ci', createdAt: '2026-01-01T00:00:00Z' }]), []);
  assert.deepEqual(
    tokens.validate([{ label: 'ci', createdAt: '2026-01-01T00:00:00Z' }]).map((i) => i.pointer),
    ['/0/id'],
  );
});

test("date-times follow RFC 3339 or Jira's offset without a colon", () => {
  const audit = responseValidator('jira-platform-rest-v3', '/rest/api/3/auditing/record', 'get', '200');
  const at = (created: string) => audit.validate({ records: [{ id: 1, created }] });
  assert.deepEqual(at('2026-11-01T12:00:00.000+0000'), []);
  assert.deepEqual(at('2026-11-01T12:00:00Z'), []);
  assert.deepEqual(
    at('2026-13-01T12:00:00Z').map((i) => i.pointer),
    ['/records/0/created'],
  );
  assert.deepEqual(
    at('yesterday').map((i) => i.message),
    ['must match format "date-time"'],
  );
});

test('integer formats reject fractions', () => {
  const audit = responseValidator('jira-platform-rest-v3', '/rest/api/3/auditing/record', 'get', '200');
  assert.deepEqual(
    audit.validate({ records: [{ id: 1.5 }] }).map((i) => `${i.pointer} ${i.message}`),
    ['/records/0/id must be integer', '/records/0/id must match format "int64"'],
  );
});

test('Marketplace links may omit scheme and host, as the spec says, but other URIs may not', () => {
  const vendor = responseValidator('marketplace-rest-v2', '/vendors/{vendorId}', 'get', '200');
  const body = (homePage: string) => ({
    _links: { self: { href: '/rest/2/vendors/81' }, alternate: { href: '/vendors/81/acme' } },
    name: 'Acme',
    vendorLinks: { homePage },
  });
  const relative = vendor.validate(body('https://acme.example'));
  assert.deepEqual(
    relative.filter((i) => i.pointer.startsWith('/_links')),
    [],
  );
  assert.ok(vendor.validate(body('not a uri')).some((i) => i.pointer === '/vendorLinks/homePage'));
});

test('an operation or status the spec does not document is an error, not a silent pass', () => {
  assert.throws(
    () => responseValidator('jira-platform-rest-v3', '/rest/api/3/nothing', 'get', '200'),
    /jira-platform-rest-v3 has no operation GET \/rest\/api\/3\/nothing/,
  );
  assert.throws(
    () => responseValidator('jira-platform-rest-v3', '/rest/api/3/serverInfo', 'get', '418'),
    /documents no 418/,
  );
});

test('a status documented without a body has no schema to check', () => {
  const deleted = responseValidator(
    'admin-user-management',
    '/users/{accountId}/manage/api-tokens/{tokenId}',
    'delete',
    '204',
  );
  assert.equal(deleted.hasSchema, false);
});
