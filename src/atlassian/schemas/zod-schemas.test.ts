import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../../simulator/testing/harness.ts';
import { TINY } from '../../../simulator/testing/tiny-tenant.ts';
import { endpoints } from '../catalogue/index.ts';
import { SchemaDriftError } from './drift-error.ts';
import { itemOf } from './item-skips.ts';
import { readablePath } from './json-path.ts';
import { generalPath } from './response-drift.ts';
import { edited, type Path } from './schema-probes.test-support.ts';
import { fetchSample, sampleRequests } from './simulator-samples.test-support.ts';
import { createResponseValidator } from './validate-response.ts';
import { zodResponseSchemas } from './zod-schemas.ts';

// The hand-written schemas of the endpoints without a spec accept what the simulator (the
// reference where Atlassian publishes none) answers without a word; a relied-on (required) field
// that vanished leaves its list item out, or, outside any item, makes the body unusable.

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

const validator = createResponseValidator();

/** One field Palisade relies on per endpoint: removing it leaves its item out, or fails the body. */
const reliedOn: Record<keyof typeof zodResponseSchemas, Path | null> = {
  'admin.directories.list': ['data', 0, 'directoryId'],
  'admin.directory.users.list': ['data', 0, 'platformRoles'],
  'admin.directory.groups.list': ['data', 0, 'name'],
  'admin.directory.users.search': ['data', 0, 'platformRoles'],
  'admin.directory.groups.search': ['data', 0, 'id'],
  'admin.workspaces.search': ['data', 0, 'id'],
  'admin.apiAccess.apiTokens.list': ['data', 0, 'id'],
  'admin.apiAccess.apiKeys.list': ['data', 0, 'id'],
  'upm.jira.list': ['plugins', 0, 'key'],
  'upm.jira.get': ['enabled'],
  'upm.jira.update': ['enabled'],
  'upm.confluence.list': ['plugins', 1, 'userInstalled'],
  'upm.confluence.get': ['userInstalled'],
  'upm.confluence.update': ['key'],
  'graphql.appInstallations.list': [
    'data',
    'ecosystem',
    'appInstallationsByContext',
    'nodes',
    0,
    'app',
    'id',
  ],
  // Every answer optional: a section a vendor left out leaves only those answers unknown.
  'marketplace.addonPrivacy.get': null,
  'oauth.accessibleResources.list': [0, 'scopes'],
  'oauth.token.exchange': ['access_token'],
  'site.tenantInfo.get': ['cloudId'],
  'dc.jira.serverInfo.get': ['version'],
  'dc.jira.applicationProperties.list': [0, 'key'],
  'dc.jira.myPermissions.get': ['permissions'],
  // A list of messages: nothing in it to rely on but the list itself.
  'dc.jira.passwordPolicy.list': null,
  'dc.jira.globalPermissions.list': ['globalPermissions', 0, 'holders'],
  'dc.jira.groupMembers.list': ['values', 0, 'name'],
  'dc.jira.userPicker.search': ['users'],
  'dc.jira.userDirectories.list': [0, 'type'],
  'dc.confluence.manifest.get': ['version'],
  'dc.confluence.space.list': ['results', 0, 'key'],
  'dc.confluence.globalPermissions.list': [0, 'subject'],
  'dc.confluence.groupMembers.list': ['results', 0, 'username'],
  // Every setting optional: a version without one leaves only that fact unknown.
  'dc.confluence.securitySettings.get': null,
  'dc.confluence.userDirectories.list': ['directories', 0, 'active'],
  'dc.audit.coverage.get': ['levelByArea'],
  'dc.audit.retention.get': ['period'],
  'dc.applinks.list': ['list', 0, 'application', 'rpcUrl'],
  'dc.upm.plugins.list': ['plugins', 0, 'userInstalled'],
  'dc.upm.plugin.get': ['enabled'],
  'dc.upm.plugin.update': ['key'],
  // A clean site has no update to offer: the list is empty.
  'dc.upm.updates.list': null,
};

const GRANT = 'schema-test-grant';

/** A 3LO grant for the admin, minted straight into the simulator (the consent flow has its own tests). */
function mintGrant(): void {
  h.sim.context.state.oauthGrants.set(GRANT, {
    id: GRANT,
    clientId: TINY.oauthClientId,
    accountId: TINY.admin,
    scopes: ['read:jira-work', 'read:confluence-space.summary', 'offline_access'],
    siteIds: [TINY.siteA],
    revoked: false,
  });
}

async function accessibleResources(): Promise<unknown> {
  mintGrant();
  h.sim.context.state.oauthAccessTokens.set('schema-test-token', {
    token: 'schema-test-token',
    grantId: GRANT,
    expiresAt: h.sim.context.now() + 3_600_000,
  });
  return h.json(`${h.api}/oauth/token/accessible-resources`, 'Bearer schema-test-token');
}

async function refreshedToken(): Promise<unknown> {
  mintGrant();
  h.sim.context.state.oauthRefreshTokens.set('schema-test-refresh', { grantId: GRANT, used: false });
  const res = await h.send('POST', `${h.auth}/oauth/token`, {
    grant_type: 'refresh_token',
    client_id: TINY.oauthClientId,
    client_secret: TINY.oauthSecret,
    refresh_token: 'schema-test-refresh',
  });
  assert.equal(res.status, 200);
  return res.json();
}

/** UPM's enable/disable: sends the state the app already has, so nothing changes. */
async function upmUpdate(product: 'jira' | 'confluence'): Promise<unknown> {
  const base = product === 'jira' ? `${h.siteA}/rest/plugins/1.0/` : `${h.siteA}/wiki/rest/plugins/1.0/`;
  const key = product === 'jira' ? 'com.tiny.timesheets' : 'confluence.macros.advanced';
  const res = await h.send(
    'PUT',
    `${base}${key}-key`,
    { enabled: true },
    h.adminBasic,
    'application/vnd.atl.plugins.plugin+json',
  );
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

/** UPM's enable/disable on the tiny Jira Data Center site, sending the state the app already has. */
async function dcUpmUpdate(): Promise<unknown> {
  const site = h.sim.info.dataCenterSites.find((s) => s.product === 'jira-data-center');
  assert.ok(site);
  const res = await h.send(
    'PUT',
    `${site.url}/rest/plugins/1.0/com.harbortools.jira-workflow-toolkit-key`,
    { enabled: true },
    `Bearer ${site.credentials.adminToken}`,
    'application/vnd.atl.plugins.plugin+json',
  );
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

async function sample(endpointId: string): Promise<unknown> {
  switch (endpointId) {
    case 'oauth.accessibleResources.list':
      return accessibleResources();
    case 'oauth.token.exchange':
      return refreshedToken();
    case 'upm.jira.update':
      return upmUpdate('jira');
    case 'upm.confluence.update':
      return upmUpdate('confluence');
    case 'dc.upm.plugin.update':
      return dcUpmUpdate();
    default: {
      const req = sampleRequests[endpointId]?.[0];
      assert.ok(req, `${endpointId}: no sample request`);
      return fetchSample(h, endpointId, req);
    }
  }
}

test('every endpoint without a spec but with a JSON body has a zod schema', () => {
  // The consent page is HTML; UPM's uninstall answers 204.
  const bodiless = new Set([
    'oauth.authorize.get',
    'upm.jira.delete',
    'upm.confluence.delete',
    'dc.upm.plugin.delete',
  ]);
  const missing = endpoints
    .filter((e) => !e.spec && !bodiless.has(e.id) && !Object.hasOwn(zodResponseSchemas, e.id))
    .map((e) => e.id);
  assert.deepEqual(missing, []);
});

for (const [endpointId, path] of Object.entries(reliedOn)) {
  test(`${endpointId}: the simulator's response is read as it is${path ? ` and a missing ${String(path.at(-1))} is named` : ''}`, async () => {
    const body = await sample(endpointId);
    assert.equal(validator.validate(endpointId, structuredClone(body)).settle().drift, null);
    if (!path) return;

    const extra = edited(body, path, (parent) => {
      parent.palisadeUnknownField = 'accepted';
    });
    assert.equal(validator.validate(endpointId, extra).settle().drift, null, 'extra fields are accepted');

    const broken = edited(body, path, (parent, key) => {
      assert.notEqual(parent[key], undefined, `${endpointId}: the sample has ${readablePath(path)}`);
      delete parent[key];
    });
    const item = itemOf(path);
    if (item) {
      const settled = validator.validate(endpointId, broken).settle();
      assert.equal(settled.removed.size, 1);
      // The item left out is the innermost list element holding the field.
      const field = generalPath(readablePath(path));
      assert.deepEqual(
        settled.drift?.skipped.map((s) => [s.field, s.problem]),
        [[field, 'is missing']],
      );
      return;
    }
    assert.throws(
      () => validator.validate(endpointId, broken),
      (error: unknown) =>
        error instanceof SchemaDriftError &&
        error.endpointId === endpointId &&
        error.field === readablePath(path) &&
        error.expected.startsWith('required ') &&
        error.message.startsWith(
          `Atlassian's response for ${endpointId} no longer matches: ${readablePath(path)}`,
        ),
    );
  });
}
