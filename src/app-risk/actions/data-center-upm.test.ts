import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataCenterTenant, servedDcSite } from '../../../simulator/testing/dc-tenant.ts';
import { useHarness } from '../../../simulator/testing/harness.ts';
import type { SiteRef } from '../../atlassian/api.ts';
import { createAtlassianClient } from '../../atlassian/client.ts';
import { runDataCenterPluginAction } from './data-center-upm.ts';

// UPM writes on the simulator's misconfigured Jira Data Center site. Tests run in order: each
// builds on the state the previous one left.

const h = useHarness({ tenant: () => dataCenterTenant('misconfigured') });
const OUTDATED = 'com.marlinworks.jira-excel-import';

function jira(token: 'admin' | 'user' | 'wrong' = 'admin') {
  const served = servedDcSite(h.sim, 'jira-data-center');
  const secret =
    token === 'admin'
      ? served.credentials.adminToken
      : token === 'user'
        ? served.credentials.userToken
        : 'not-a-token';
  const api = createAtlassianClient({
    credentials: { dataCenterToken: secret },
    allowHosts: [new URL(served.url).host],
    baseUrls: { api: h.api, marketplace: h.marketplace, auth: h.auth },
  });
  const site: SiteRef = { cloudId: served.id, url: served.url, products: ['jira-data-center'] };
  return { api, site, secret };
}

async function enabledNow(key: string): Promise<boolean | undefined> {
  const served = servedDcSite(h.sim, 'jira-data-center');
  const res = await h.get(`${served.url}/rest/plugins/1.0/${key}-key`, served.admin);
  if (res.status === 404) return undefined;
  return ((await res.json()) as { enabled: boolean }).enabled;
}

test('disabling an enabled app succeeds and UPM then lists it disabled; a second time changes nothing', async () => {
  const { api, site } = jira();
  try {
    const first = await runDataCenterPluginAction(api, site, 'jira-data-center', 'disable', OUTDATED);
    assert.deepEqual(first, { result: 'succeeded', error: null });
    assert.equal(await enabledNow(OUTDATED), false);
    const again = await runDataCenterPluginAction(api, site, 'jira-data-center', 'disable', OUTDATED);
    assert.equal(again.result, 'no_change');
  } finally {
    await api.close();
  }
});

test('a plain user’s working token is told it is not an administrator, not that it was revoked', async () => {
  const { api, site } = jira('user');
  try {
    const outcome = await runDataCenterPluginAction(api, site, 'jira-data-center', 'enable', OUTDATED);
    assert.equal(outcome.result, 'failed');
    assert.equal(outcome.error?.code, 'not_site_admin');
    assert.match(outcome.error?.message ?? '', /personal access token of a Jira administrator/);
  } finally {
    await api.close();
  }
});

test('a wrong token is a rejected write credential, and its secret is in no message', async () => {
  const { api, site, secret } = jira('wrong');
  try {
    const outcome = await runDataCenterPluginAction(api, site, 'jira-data-center', 'uninstall', OUTDATED);
    assert.equal(outcome.error?.code, 'write_credential_rejected');
    assert.equal(JSON.stringify(outcome.error).includes(secret), false);
  } finally {
    await api.close();
  }
});

test('a required system plugin cannot be uninstalled', async () => {
  const { api, site } = jira();
  try {
    const outcome = await runDataCenterPluginAction(
      api,
      site,
      'jira-data-center',
      'uninstall',
      'com.atlassian.jira.jira-websudo-plugin',
    );
    assert.equal(outcome.result, 'failed');
    assert.equal(outcome.error?.code, 'app_not_removable');
  } finally {
    await api.close();
  }
});

test('uninstalling removes the app; asking again finds it not installed', async () => {
  const { api, site } = jira();
  try {
    assert.equal(
      (await runDataCenterPluginAction(api, site, 'jira-data-center', 'uninstall', OUTDATED)).result,
      'succeeded',
    );
    assert.equal(await enabledNow(OUTDATED), undefined);
    const again = await runDataCenterPluginAction(api, site, 'jira-data-center', 'uninstall', OUTDATED);
    assert.equal(again.result, 'not_installed');
  } finally {
    await api.close();
  }
});
