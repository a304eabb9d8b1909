import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { endpoint } from '../../src/atlassian/catalogue/index.ts';
import { type Harness, startHarness } from '../testing/harness.ts';

// Every Jira response, with and without expansions, validated against the 200 schema of the
// official spec (additionalProperties: false included, so no invented fields slip through).

const SPEC = '/work/shared/atlassian/specs/jira-platform-rest-v3.swagger-v3.v3.json';
const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  components: unknown;
};

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
for (const f of ['int32', 'int64', 'double']) ajv.addFormat(f, true);
ajv.addSchema({ $id: 'jira', components: spec.components });

function validatorFor(endpointId: string) {
  const e = endpoint(endpointId);
  const op = spec.paths[e.path]?.get;
  const schema = op?.responses['200']?.content?.['application/json']?.schema;
  assert.ok(schema, `${e.path} has a 200 schema`);
  // Re-root the operation's schema inside the spec document so its $refs resolve.
  const ref = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"jira#/components/'));
  return ajv.compile(ref);
}

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

const cases: { id: string; path: string; as: 'admin' | 'member' | 'anonymous'; site?: 'B' }[] = [
  { id: 'jira.serverInfo', path: '/rest/api/3/serverInfo', as: 'anonymous' },
  { id: 'jira.myself', path: '/rest/api/3/myself', as: 'member' },
  { id: 'jira.myself', path: '/rest/api/3/myself?expand=groups,applicationRoles', as: 'admin' },
  { id: 'jira.permissions', path: '/rest/api/3/permissions', as: 'anonymous' },
  {
    id: 'jira.mypermissions',
    path: '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,ADMINISTER',
    as: 'member',
  },
  {
    id: 'jira.mypermissions',
    path: '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,USER_PICKER&projectKey=PUB',
    as: 'anonymous',
  },
  { id: 'jira.permissionSchemes', path: '/rest/api/3/permissionscheme', as: 'member' },
  { id: 'jira.permissionSchemes', path: '/rest/api/3/permissionscheme?expand=all', as: 'admin' },
  { id: 'jira.projects', path: '/rest/api/3/project/search?maxResults=2', as: 'admin' },
  {
    id: 'jira.projects',
    path: '/rest/api/3/project/search?expand=description,lead,issueTypes,url,projectKeys,permissions,insight',
    as: 'member',
  },
  { id: 'jira.projects', path: '/rest/api/3/project/search', as: 'anonymous' },
  {
    id: 'jira.projectPermissionScheme',
    path: '/rest/api/3/project/ENG/permissionscheme?expand=permissions',
    as: 'admin',
  },
  { id: 'jira.roles', path: '/rest/api/3/role', as: 'admin' },
  { id: 'jira.projectRoles', path: '/rest/api/3/project/ENG/role', as: 'admin' },
  { id: 'jira.projectRole', path: '/rest/api/3/project/ENG/role/10001', as: 'admin' },
  { id: 'jira.applicationRoles', path: '/rest/api/3/applicationrole', as: 'admin' },
  { id: 'jira.groups', path: '/rest/api/3/group/bulk', as: 'member' },
  {
    id: 'jira.groupMembers',
    path: '/rest/api/3/group/member?groupname=jira-software-users-acme',
    as: 'admin',
  },
  { id: 'jira.users', path: '/rest/api/3/users/search', as: 'admin' },
  { id: 'jira.users', path: '/rest/api/3/users/search', as: 'anonymous', site: 'B' },
  { id: 'jira.license', path: '/rest/api/3/instance/license', as: 'member' },
  { id: 'jira.audit', path: '/rest/api/3/auditing/record', as: 'admin' },
  { id: 'jira.configuration', path: '/rest/api/3/configuration', as: 'member' },
  { id: 'jira.applicationProperties', path: '/rest/api/3/application-properties', as: 'admin' },
  {
    id: 'jira.filters',
    path: '/rest/api/3/filter/search?expand=description,favourite,favouritedCount,jql,owner,searchUrl,sharePermissions,editPermissions,isWritable,subscriptions,viewUrl',
    as: 'admin',
  },
  { id: 'jira.filters', path: '/rest/api/3/filter/search', as: 'anonymous' },
  {
    id: 'jira.dashboards',
    path: '/rest/api/3/dashboard/search?expand=description,owner,viewUrl,favourite,favouritedCount,sharePermissions,editPermissions,isWritable',
    as: 'member',
  },
  { id: 'jira.issueSecuritySchemes', path: '/rest/api/3/issuesecurityschemes', as: 'admin' },
  { id: 'jira.fields', path: '/rest/api/3/field/search?expand=key,stableId,isLocked,lastUsed', as: 'member' },
];

for (const c of cases) {
  test(`${c.id} answers ${c.path} (${c.as}) in the shape the spec publishes`, async () => {
    const auth = c.as === 'admin' ? h.adminBasic : c.as === 'member' ? h.memberBasic : undefined;
    const res = await h.get((c.site === 'B' ? h.siteB : h.siteA) + c.path, auth);
    assert.equal(res.status, 200, await res.clone().text());
    const body = (await res.json()) as unknown;
    if (c.id === 'jira.audit') {
      // Real records carry authorAccountId, which the spec's AuditRecordBean does not list.
      for (const r of (body as { records: Record<string, unknown>[] }).records) {
        assert.equal(typeof r.authorAccountId, 'string');
        delete r.authorAccountId;
      }
    }
    const validate = validatorFor(c.id);
    assert.ok(validate(body), JSON.stringify(validate.errors, null, 2));
  });
}

test('filter share permissions of every kind validate against SharePermission', async () => {
  const jira = h.sim.context.state.sitesById.get(h.sim.info.sites[0]?.cloudId ?? '')?.jira;
  assert.ok(jira);
  jira.filters.push({
    id: '10099',
    name: 'Every share',
    description: '',
    jql: 'project = ENG',
    ownerAccountId: h.sim.info.credentials.admin.accountId,
    sharePermissions: [
      { id: 90, type: 'global' },
      { id: 91, type: 'authenticated' },
      { id: 92, type: 'loggedin' },
      { id: 93, type: 'group', groupId: '0a000000-0000-4000-8000-000000000002' },
      { id: 94, type: 'project', projectId: '10000' },
      { id: 95, type: 'projectRole', projectId: '10000', roleId: 10001 },
      { id: 96, type: 'user', accountId: h.sim.info.credentials.member.accountId },
      { id: 97, type: 'project', projectId: '10002' },
    ],
  });
  try {
    const body = await h.json(
      `${h.siteA}/rest/api/3/filter/search?id=10099&expand=sharePermissions`,
      h.memberBasic,
    );
    const validate = validatorFor('jira.filters');
    assert.ok(validate(body), JSON.stringify(validate.errors, null, 2));
  } finally {
    jira.filters.pop();
  }
});

test('the contract check itself rejects invented fields, nulls and missing required fields', () => {
  const validate = validatorFor('jira.license');
  assert.equal(validate({ applications: [{ id: 'jira-software', plan: 'PAID' }] }), true);
  assert.equal(validate({ applications: [{ id: 'jira-software', plan: 'PAID', seats: 10 }] }), false);
  assert.equal(validate({ applications: [{ id: 'jira-software', plan: null }] }), false);
  assert.equal(validate({ applications: [{ id: 'jira-software' }] }), false);
});
