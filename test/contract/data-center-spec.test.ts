import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dataCenterTenant, servedDcSite } from '../../simulator/testing/dc-tenant.ts';
import { type Harness, useHarness } from '../../simulator/testing/harness.ts';
import { endpoint, endpoints, type SpecFile } from '../../src/atlassian/catalogue/index.ts';
import { formatIssues, operation, responseValidator } from './specs.ts';

// The simulator's Data Center answers held to Atlassian's official OpenAPI documents for Jira DC
// 10.3 and Confluence DC 10.0.3 (spec/atlassian/SOURCES.md). Every DC catalogue endpoint is in
// exactly one list: documented (its answers validate against the spec), undocumented (the spec
// has no such operation: real instances answer 404, the collectors record the dataset
// unavailable), or outside both documents (application links, atlassian-audit, UPM).
// The hold is as strong as Atlassian's generated document: some of its schemas are empty (Jira's
// `ServerInfoBean` is `{type: object}`), so the catalogue's zod schemas and the route tests keep
// the fields Palisade reads.

interface Documented {
  file: SpecFile;
  /** The spec's path: Jira's relative to its `/rest` server, Confluence's as served. */
  path: string;
  query?: Record<string, string>;
  params?: Record<string, string>;
  /**
   * Atlassian's generated document gets a few answers' shape wrong (SOURCES.md): the parts of
   * the real answer the documented schema describes.
   */
  documentedParts?: (body: unknown) => unknown[];
}

const DOCUMENTED: Record<string, Documented> = {
  'dc.jira.serverInfo.get': { file: 'jira-dc-rest', path: '/api/2/serverInfo' },
  // Declared as one Property; without `key` Jira answers every property, an array of them.
  'dc.jira.applicationProperties.list': {
    file: 'jira-dc-rest',
    path: '/api/2/application-properties',
    documentedParts: (body) => (Array.isArray(body) ? body : [body]),
  },
  'dc.jira.myPermissions.get': { file: 'jira-dc-rest', path: '/api/2/mypermissions' },
  // Declared as one string; the answer is an array of the policy's messages.
  'dc.jira.passwordPolicy.list': {
    file: 'jira-dc-rest',
    path: '/api/2/password/policy',
    documentedParts: (body) => (Array.isArray(body) ? body : [body]),
  },
  // Declared as one UserJsonBean; the answer is a PageBean of them (`values`).
  'dc.jira.groupMembers.list': {
    file: 'jira-dc-rest',
    path: '/api/2/group/member',
    query: { groupname: 'jira-software-users' },
    documentedParts: (body) => (body as { values?: unknown[] }).values ?? [body],
  },
  'dc.jira.userPicker.search': { file: 'jira-dc-rest', path: '/api/2/user/picker', query: { query: 'a' } },
  'dc.confluence.space.list': { file: 'confluence-dc-rest', path: '/rest/api/space' },
  'dc.confluence.globalPermissions.list': { file: 'confluence-dc-rest', path: '/rest/api/permissions' },
  'dc.confluence.groupMembers.list': {
    file: 'confluence-dc-rest',
    path: '/rest/api/group/{groupName}/member',
    params: { groupName: 'confluence-users' },
  },
};

/** Not in the documents: what the simulator serves so the pipeline runs, and why. */
const UNDOCUMENTED: Record<string, { file: SpecFile; path: string }> = {
  // Jira documents only the permission keys (/api/2/permissions), not who holds them.
  'dc.jira.globalPermissions.list': { file: 'jira-dc-rest', path: '/api/2/permissions/global' },
  'dc.jira.userDirectories.list': { file: 'jira-dc-rest', path: '/api/2/directory' },
  'dc.confluence.securitySettings.get': { file: 'confluence-dc-rest', path: '/rest/api/settings/security' },
  'dc.confluence.userDirectories.list': { file: 'confluence-dc-rest', path: '/rest/api/admin/directory' },
};

const OUTSIDE_THE_SPECS = new Set([
  'dc.confluence.manifest.get',
  'dc.audit.coverage.get',
  'dc.audit.retention.get',
  'dc.applinks.list',
  'dc.upm.plugins.list',
  'dc.upm.plugin.get',
  'dc.upm.updates.list',
  'dc.upm.plugin.update',
  'dc.upm.plugin.delete',
]);

test('every Data Center endpoint is documented, known undocumented, or outside both documents', () => {
  const dc = endpoints.filter((e) => e.host === 'data-center').map((e) => e.id);
  const listed = [...Object.keys(DOCUMENTED), ...Object.keys(UNDOCUMENTED), ...OUTSIDE_THE_SPECS];
  assert.deepEqual([...dc].sort(), [...listed].sort());
});

test('the documented ones exist in the spec with their method, the undocumented ones do not', () => {
  for (const [id, d] of Object.entries(DOCUMENTED)) {
    const method = endpoint(id).method.toLowerCase() as 'get';
    assert.ok(operation(d.file, d.path, method), `${id}: ${d.path} is not in ${d.file}`);
    const served = d.file === 'jira-dc-rest' ? `/rest${d.path}` : d.path;
    assert.equal(endpoint(id).path, served, `${id}: the catalogue path is the documented one`);
  }
  for (const [id, u] of Object.entries(UNDOCUMENTED)) {
    assert.equal(operation(u.file, u.path, 'get'), undefined, `${id}: ${u.path} is documented after all`);
  }
});

function holdToSpec(name: string, posture: 'clean' | 'misconfigured'): void {
  describe(name, () => {
    const h: Harness = useHarness({ tenant: () => dataCenterTenant(posture) });
    for (const [id, d] of Object.entries(DOCUMENTED)) {
      test(`${id} answers as ${d.file} documents ${d.path}`, async () => {
        const e = endpoint(id);
        const site = servedDcSite(
          h.sim,
          e.product === 'confluence-data-center' ? 'confluence-data-center' : 'jira-data-center',
        );
        const path = e.path.replace(/\{(\w+)\}/g, (_m, p: string) => encodeURIComponent(d.params?.[p] ?? ''));
        const query = new URLSearchParams(d.query ?? {}).toString();
        const body = await h.json(`${site.url}${path}${query ? `?${query}` : ''}`, site.admin);
        const validator = responseValidator(d.file, d.path, 'get', '200');
        for (const part of d.documentedParts?.(body) ?? [body]) {
          const issues = validator.validate(part);
          assert.deepEqual(issues, [], formatIssues(id, validator, issues));
        }
      });
    }
  });
}

holdToSpec('on the clean Data Center sites', 'clean');
holdToSpec('on the misconfigured Data Center sites', 'misconfigured');
