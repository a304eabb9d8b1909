import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataCenterTenant, servedDcSite } from '../testing/dc-tenant.ts';
import { useHarness } from '../testing/harness.ts';

// UPM on a misconfigured Jira Data Center site: the plugin list with system and user-installed
// apps, licences, the update check, and the writes (disable, uninstall) that change the site.

const PLUGIN_TYPE = 'application/vnd.atl.plugins.plugin+json';
const OUTDATED = 'com.marlinworks.jira-excel-import';
const WEBSUDO = 'com.atlassian.jira.jira-websudo-plugin';

interface Plugin {
  key: string;
  version: string;
  enabled: boolean;
  userInstalled: boolean;
  optional: boolean;
  licenseDetails?: {
    valid: boolean;
    expiryDate?: number;
    maintenanceExpiryDate?: number;
    dataCenter: boolean;
  };
}

// Tests run in order: the reads first, then the writes, each building on the last.
const h = useHarness({ tenant: () => dataCenterTenant('misconfigured') });
const jira = () => servedDcSite(h.sim, 'jira-data-center');
const upm = (suffix = '') => `${jira().url}/rest/plugins/1.0/${suffix}`;

test('the list holds system plugins and user-installed apps, with a fresh upm-token', async () => {
  const res = await h.get(upm(), jira().admin, { accept: 'application/vnd.atl.plugins.installed+json' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /vnd\.atl\.plugins\.installed\+json/);
  assert.match(res.headers.get('upm-token') ?? '', /^\d+$/);
  const { plugins } = (await res.json()) as { plugins: Plugin[] };
  assert.ok(plugins.some((p) => p.userInstalled));
  assert.equal(plugins.find((p) => p.key === WEBSUDO)?.enabled, false);
});

test('the outdated app’s licence ran out, and the update check offers a newer version', async () => {
  const app = await h.json<Plugin>(upm(`${OUTDATED}-key`), jira().admin);
  assert.equal(app.version, '2.1.0');
  assert.equal(app.licenseDetails?.valid, false);
  assert.equal(app.licenseDetails?.dataCenter, true);
  assert.ok((app.licenseDetails?.expiryDate ?? Infinity) < Date.parse('2026-11-01T12:00:00Z'));
  const updates = await h.json<{ plugins: { key: string; version: string }[] }>(
    upm('available/updates'),
    jira().admin,
  );
  assert.deepEqual(
    updates.plugins.map((p) => [p.key, p.version]),
    [[OUTDATED, '4.0.3']],
  );
});

test('a plain user’s token gets UPM’s bare 401', async () => {
  const res = await h.get(upm(), jira().user);
  assert.equal(res.status, 401);
  assert.equal(await res.text(), 'Must have permission to access this resource.');
});

test('disabling an app with the plugin media type changes what UPM lists', async () => {
  const res = await h.send('PUT', upm(`${OUTDATED}-key`), { enabled: false }, jira().admin, PLUGIN_TYPE);
  assert.equal(res.status, 200);
  const after = await h.json<Plugin>(upm(`${OUTDATED}-key`), jira().admin);
  assert.equal(after.enabled, false);
  const counters = await h.json<{ writes: { endpointId: string; status: number }[] }>(
    `${h.control}/counters`,
  );
  assert.deepEqual(
    counters.writes.map((w) => [w.endpointId, w.status]),
    [['dc.upm.plugin.update', 200]],
  );
});

test('a PUT in plain JSON is refused with 415, and a required system plugin cannot be disabled', async () => {
  const plain = await h.send('PUT', upm(`${OUTDATED}-key`), { enabled: false }, jira().admin);
  assert.equal(plain.status, 415);
  const core = await h.send(
    'PUT',
    upm('com.atlassian.jira.jira-core-plugins-key'),
    { enabled: false },
    jira().admin,
    PLUGIN_TYPE,
  );
  assert.equal(core.status, 403);
});

test('uninstalling removes a user-installed app; a system plugin is refused by sub-code', async () => {
  const res = await h.send('DELETE', upm(`${OUTDATED}-key`), undefined, jira().admin);
  assert.equal(res.status, 204);
  const gone = await h.get(upm(`${OUTDATED}-key`), jira().admin);
  assert.equal(gone.status, 404);
  const system = await h.send('DELETE', upm(`${WEBSUDO}-key`), undefined, jira().admin);
  assert.equal(system.status, 403);
  assert.deepEqual(await system.json(), {
    errorMessage: null,
    subCode: 'upm.pluginUninstall.error.plugin.is.system',
  });
});
