import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../../simulator/testing/harness.ts';
import { TINY } from '../../simulator/testing/tiny-tenant.ts';
import type { AtlassianApi, SiteRef } from '../atlassian/api.ts';
import { ServerError } from '../atlassian/errors.ts';
import { ADMIN, client, tinySites } from '../sync/collectors/test-support.ts';
import { discoverCredentialAccess } from './discover-access.ts';

// The tiny tenant: Ada is an org admin and in site-admins on both sites; Mo is a Jira and
// Confluence user on site A and has nothing on site B (Jira only).

let h: Harness;
let sites: SiteRef[];

before(async () => {
  h = await startHarness();
  sites = tinySites(h);
});
after(async () => {
  await h.stop();
});

test('an org admin is known as one on every site, with every admin right held', async () => {
  const api = client(h);
  try {
    const access = await discoverCredentialAccess(api, sites, { orgId: TINY.orgId });
    const a = access[TINY.siteA];
    assert.equal(a?.role, 'org-admin');
    assert.equal(a?.accountId, TINY.admin);
    assert.deepEqual(
      [a?.jiraAccess, a?.jiraAdmin, a?.siteAdmin, a?.confluenceAccess, a?.confluenceAdmin, a?.orgAdmin],
      [true, true, true, true, true, true],
    );
    assert.equal(access[TINY.siteB]?.role, 'org-admin');
    assert.equal(access[TINY.siteB]?.confluenceAdmin, undefined, 'site B has no Confluence to ask');
  } finally {
    await api.close();
  }
});

test('a member is a plain user where it has products and without access elsewhere, with how each was told', async () => {
  const api = client(h, {
    site: { kind: 'basic', email: 'mo@acme.example', apiToken: TINY.memberToken },
    orgApiKey: TINY.orgKey,
  });
  try {
    const access = await discoverCredentialAccess(api, sites, { orgId: TINY.orgId });
    const a = access[TINY.siteA];
    assert.equal(a?.role, 'user');
    assert.deepEqual(
      [a?.jiraAccess, a?.jiraAdmin, a?.siteAdmin, a?.confluenceAccess, a?.confluenceAdmin, a?.orgAdmin],
      [true, false, false, true, false, false],
    );
    assert.deepEqual(a?.evidence, [
      'Jira myself: product access (jira-software)',
      'Jira mypermissions: ADMINISTER not held, SYSTEM_ADMIN not held',
      'Confluence user/current: no administer/application',
      'org directory: not an org admin',
    ]);
    const b = access[TINY.siteB];
    assert.equal(b?.role, 'no-access');
    assert.equal(b?.jiraAccess, false);
    assert.equal(b?.jiraAdmin, false);
  } finally {
    await api.close();
  }
});

test('without an org key the org role stays unknown, and the site rights are still told', async () => {
  const api = client(h, { site: ADMIN.site });
  try {
    const access = await discoverCredentialAccess(api, sites);
    assert.equal(access[TINY.siteA]?.orgAdmin, undefined);
    assert.equal(access[TINY.siteA]?.role, 'site-admin');
  } finally {
    await api.close();
  }
});

test('a check that fails leaves its right unknown and says why; discovery itself never fails', async () => {
  const real = client(h);
  const failing: AtlassianApi = {
    call: (endpointId, options) =>
      endpointId === 'jira.myPermissions.get' || endpointId === 'confluence.currentUser.get'
        ? Promise.reject(new ServerError({ endpointId, method: 'GET', url: 'x', status: 503 }, '503'))
        : real.call(endpointId, options),
    pages: (endpointId, options) => real.pages(endpointId, options),
    stats: () => real.stats(),
  };
  try {
    const access = await discoverCredentialAccess(failing, [sites[0] as SiteRef]);
    const a = access[TINY.siteA];
    assert.equal(a?.jiraAccess, true);
    assert.equal(a?.jiraAdmin, undefined);
    assert.equal(a?.confluenceAdmin, undefined);
    assert.equal(a?.role, 'unknown');
    assert.ok(
      a?.evidence.includes('Jira mypermissions: could not tell (server_error)'),
      a?.evidence.join('; '),
    );
  } finally {
    await real.close();
  }
});
