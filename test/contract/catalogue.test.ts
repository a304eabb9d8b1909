import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Endpoint,
  endpoints,
  type Pagination,
  type SpecFile,
} from '../../src/atlassian/catalogue/index.ts';
import {
  hasJsonSchema,
  loadSpec,
  operation,
  parameters,
  SPEC_FILES,
  type SpecOperation,
  serverBasePath,
  specResponse,
} from './specs.ts';

// The endpoint catalogue against Atlassian's official OpenAPI documents: every `spec` pointer
// names a real operation, and what the catalogue says about it (path, pagination, page sizes,
// OAuth scopes, anonymous access) is what the spec says.

const withSpec = endpoints.filter((e): e is Endpoint & { spec: NonNullable<Endpoint['spec']> } => !!e.spec);

/** The query parameters a client sends for each pagination style (docs/atlassian/API.md §0.2). */
const PAGING_PARAMS: Partial<Record<Pagination, { params: string[]; size?: string }>> = {
  'page-bean': { params: ['startAt', 'maxResults'], size: 'maxResults' },
  'start-at-array': { params: ['startAt', 'maxResults'], size: 'maxResults' },
  'jira-audit': { params: ['offset', 'limit'], size: 'limit' },
  'cursor-links': { params: ['cursor', 'limit'], size: 'limit' },
  'start-limit': { params: ['start', 'limit'], size: 'limit' },
  'admin-cursor': { params: ['cursor'] },
  // Bitbucket documents `page`/`pagelen` once, for every list, in its introduction rather than per
  // operation (https://developer.atlassian.com/cloud/bitbucket/rest/intro/#pagination).
  'bitbucket-page': { params: [] },
  none: { params: [] },
};
const ALL_PAGING = ['startAt', 'maxResults', 'offset', 'limit', 'cursor', 'start'];

function op(e: (typeof withSpec)[number]): SpecOperation {
  const found = operation(e.spec.file, e.spec.path, e.spec.method);
  assert.ok(found, `${e.id}: ${e.spec.file} has no ${e.spec.method.toUpperCase()} ${e.spec.path}`);
  return found;
}

/** Classic scopes the spec lists for an operation (`state: Current`), and the `security` ones. */
function specScopes(o: SpecOperation): Set<string> {
  const scopes = new Set<string>();
  for (const set of o['x-atlassian-oauth2-scopes'] ?? []) {
    if (set.state === 'Current') for (const s of set.scopes) scopes.add(s);
  }
  for (const requirement of o.security ?? []) {
    for (const [scheme, list] of Object.entries(requirement))
      if (scheme !== 'basicAuth') for (const s of list) scopes.add(s);
  }
  return scopes;
}

/** Whether a spec marks anonymous access with an empty security requirement (`{}`) anywhere. */
function usesAnonymousMarker(file: SpecFile): boolean {
  for (const item of Object.values(loadSpec(file).paths)) {
    for (const o of Object.values(item ?? {})) {
      if (o?.security?.some((r) => Object.keys(r).length === 0)) return true;
    }
  }
  return false;
}

test('every spec file the catalogue may point to is present and is OpenAPI 3.0', () => {
  for (const file of Object.keys(SPEC_FILES) as SpecFile[]) {
    assert.match(loadSpec(file).openapi, /^3\.0\./, `${file} is not OpenAPI 3.0`);
  }
});

test('the spec server base paths are the ones the catalogue paths are built from', () => {
  assert.deepEqual(
    Object.fromEntries((Object.keys(SPEC_FILES) as SpecFile[]).map((f) => [f, serverBasePath(f)])),
    {
      'admin-organizations-v1': '/admin/v1',
      'admin-user-management': '',
      'bitbucket-cloud': '/2.0',
      'confluence-rest-v1': '',
      'confluence-rest-v2': '/wiki/api/v2',
      'jira-platform-rest-v3': '',
      'marketplace-rest-v2': '/rest/2',
      'jira-dc-rest': '/rest',
      // The instance's context path: Confluence's documented paths carry `/rest/api` themselves.
      'confluence-dc-rest': '/confluence',
    },
  );
});

test('endpoint ids are unique', () => {
  const seen = new Set<string>();
  const duplicates = endpoints.map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
  assert.deepEqual(duplicates, []);
});

describe('catalogue entries with a spec', () => {
  for (const e of withSpec) {
    describe(e.id, () => {
      test('points to an operation that exists, with the method and a 200/204 response', () => {
        const o = op(e);
        assert.equal(
          e.method.toLowerCase(),
          e.spec.method,
          `${e.id}: method ${e.method} but spec pointer says ${e.spec.method}`,
        );
        assert.ok(['200', '204'].includes(e.spec.status), `${e.id}: status ${e.spec.status}`);
        assert.ok(
          o.responses[e.spec.status],
          `${e.id}: the spec documents no ${e.spec.status} (it has ${Object.keys(o.responses).join(', ')})`,
        );
        if (e.spec.status === '200')
          assert.ok(hasJsonSchema(e.spec.file, o, '200'), `${e.id}: 200 has no JSON schema`);
        else
          assert.equal(
            specResponse(e.spec.file, o, '204')?.content,
            undefined,
            `${e.id}: 204 documents a body`,
          );
      });

      test('has the production path: the spec server base path plus the spec path', () => {
        assert.equal(e.path, serverBasePath(e.spec.file) + e.spec.path);
      });

      test('declares the pagination style whose parameters the spec operation takes', () => {
        const style = PAGING_PARAMS[e.pagination];
        assert.ok(style, `${e.id}: pagination ${e.pagination} is not expected on an endpoint with a spec`);
        const names = new Set(parameters(e.spec.file, op(e)).map((p) => p.name));
        const missing = style.params.filter((p) => !names.has(p));
        const foreign = ALL_PAGING.filter((p) => names.has(p) && !style.params.includes(p));
        assert.deepEqual(
          { missing, foreign },
          { missing: [], foreign: [] },
          `${e.id}: declared ${e.pagination}, the spec operation takes ${[...names].join(', ') || 'no parameters'}`,
        );
      });

      const sizeParam = PAGING_PARAMS[e.pagination]?.size;
      if (sizeParam) {
        test("declares page sizes within the spec's maximum and equal to its default", () => {
          assert.ok(e.pageSize, `${e.id}: ${e.pagination} endpoints need a pageSize`);
          const schema = parameters(e.spec.file, op(e)).find((p) => p.name === sizeParam)?.schema ?? {};
          if (typeof schema.maximum === 'number') {
            assert.ok(
              e.pageSize.max <= schema.maximum,
              `${e.id}: max ${e.pageSize.max} > spec maximum ${schema.maximum}`,
            );
          }
          if (typeof schema.default === 'number') {
            assert.equal(
              e.pageSize.default,
              schema.default,
              `${e.id}: default page size differs from the spec's`,
            );
          }
          assert.ok(e.pageSize.default <= e.pageSize.max, `${e.id}: default page size above the max`);
        });
      }

      test('declares classic OAuth scopes the spec lists for the operation', () => {
        const listed = specScopes(op(e));
        const unknown = e.oauthScopes.filter((s) => !listed.has(s));
        assert.deepEqual(
          unknown,
          [],
          `${e.id}: declares ${e.oauthScopes.join(', ')}; the spec's classic scopes are ` +
            `[${[...listed].join(', ')}] (x-atlassian-oauth2-scopes state Current, and security)`,
        );
        if (listed.size > 0 && e.auth.includes('oauth')) {
          assert.ok(e.oauthScopes.length > 0, `${e.id}: the spec requires ${[...listed].join(', ')}`);
        }
      });

      // Only Jira marks anonymous access (`security: [..., {}]`); the other specs say nothing.
      if (usesAnonymousMarker(e.spec.file)) {
        test('allows anonymous callers only where the spec does', (t) => {
          const anonymous = (op(e).security ?? []).some((r) => Object.keys(r).length === 0);
          if (e.auth.includes('anonymous')) assert.ok(anonymous, `${e.id}: the spec requires authentication`);
          else if (anonymous)
            t.diagnostic(`${e.id}: the spec also allows anonymous callers; the catalogue does not`);
        });
      }
    });
  }
});
