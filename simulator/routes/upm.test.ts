import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useHarness } from '../testing/harness.ts';
import { TINY } from '../testing/tiny-tenant.ts';

// The Universal Plugin Manager on each site: list, read, disable and uninstall apps.

interface Plugin {
  key: string;
  name: string;
  version: string;
  enabled: boolean;
  userInstalled: boolean;
  optional: boolean;
  remotable: boolean;
  usesLicensing: boolean;
  uninstallable: boolean;
  vendor: { name: string; link: string; marketplaceLink: string; topVendor?: boolean };
  links: Record<string, string>;
  modules?: { key: string; completeKey: string; enabled: boolean }[];
  licenseDetails?: { valid: boolean; evaluation: boolean; licenseType: string; expiryDate?: number };
}
interface Collection {
  plugins: Plugin[];
  links: { self: string };
}

const PLUGIN_TYPE = 'application/vnd.atl.plugins.plugin+json';
const INSTALLED_TYPE = 'application/vnd.atl.plugins.installed+json';

const h = useHarness({ resetBeforeEach: true });

const jira = `/rest/plugins/1.0/`;
const listJira = (auth = h.adminBasic) => h.json<Collection>(`${h.siteA}${jira}`, auth);
const put = (key: string, body: unknown, type = PLUGIN_TYPE) =>
  h.send('PUT', `${h.siteA}${jira}${key}-key`, body, h.adminBasic, type);
const del = (key: string, auth = h.adminBasic) =>
  h.send('DELETE', `${h.siteA}${jira}${key}-key`, undefined, auth);

test('the Jira list has the site’s Connect, Forge and system apps plus bundled Atlassian plugins', async () => {
  const res = await h.get(`${h.siteA}${jira}`, h.adminBasic, { accept: INSTALLED_TYPE });
  assert.equal(res.status, 200);
  assert.ok(res.headers.get('content-type')?.startsWith(INSTALLED_TYPE));
  assert.match(res.headers.get('upm-token') ?? '', /^\d+$/);
  const body = (await res.json()) as Collection;
  assert.deepEqual(body.links, { self: '/rest/plugins/1.0/' });
  const byKey = new Map(body.plugins.map((p) => [p.key, p]));
  const connect = byKey.get('com.tiny.timesheets');
  assert.deepEqual(
    [
      connect?.name,
      connect?.version,
      connect?.enabled,
      connect?.userInstalled,
      connect?.remotable,
      connect?.uninstallable,
    ],
    ['Timesheets Pro', '2.4.1', true, true, true, true],
  );
  assert.deepEqual(connect?.vendor, {
    name: 'Tiny Tools Ltd',
    link: 'https://tinytools.example',
    marketplaceLink: 'https://tinytools.example',
    topVendor: false,
  });
  assert.equal(connect?.usesLicensing, true);
  assert.equal(connect?.links.self, '/rest/plugins/1.0/com.tiny.timesheets-key');
  assert.equal(connect?.links.delete, '/rest/plugins/1.0/com.tiny.timesheets-key');
  const forge = byKey.get('forge-reporter');
  assert.deepEqual([forge?.remotable, forge?.uninstallable, forge?.userInstalled], [false, false, false]);
  const emoji = byKey.get('com.atlassian.jira.emoji');
  assert.deepEqual([emoji?.userInstalled, emoji?.optional, emoji?.uninstallable], [false, true, false]);
  const system = body.plugins.filter((p) => !p.userInstalled);
  assert.ok(system.some((p) => p.key === 'com.atlassian.upm.atlassian-universal-plugin-manager-plugin'));
  assert.ok(
    body.plugins.every((p, i, all) => i === 0 || (all[i - 1]?.name ?? '').localeCompare(p.name) <= 0),
  );
  // What Salto keeps: user-installed, enabled apps.
  assert.deepEqual(
    body.plugins.filter((p) => p.userInstalled && p.enabled).map((p) => p.key),
    ['com.tiny.timesheets'],
  );
});

test('the Confluence list under /wiki shows the disabled Forge app and Confluence’s own plugins', async () => {
  const body = await h.json<Collection>(`${h.siteA}/wiki/rest/plugins/1.0/`, h.adminBasic);
  assert.deepEqual(body.links, { self: '/wiki/rest/plugins/1.0/' });
  const forge = body.plugins.find((p) => p.key === 'forge-reporter');
  assert.equal(forge?.enabled, false);
  assert.equal(forge?.links.self, '/wiki/rest/plugins/1.0/forge-reporter-key');
  assert.ok(body.plugins.some((p) => p.key === 'confluence.macros.advanced'));
  assert.ok(!body.plugins.some((p) => p.key === 'com.tiny.timesheets'));
});

test('one plugin has its modules and, where licensed, its licence details', async () => {
  const res = await h.get(`${h.siteA}${jira}com.tiny.timesheets-key`, h.adminBasic, { accept: PLUGIN_TYPE });
  assert.equal(res.status, 200);
  assert.ok(res.headers.get('content-type')?.startsWith(PLUGIN_TYPE));
  const plugin = (await res.json()) as Plugin;
  assert.deepEqual(
    plugin.modules?.map((m) => m.completeKey),
    ['com.tiny.timesheets:general-page', 'com.tiny.timesheets:lifecycle-webhooks'],
  );
  assert.equal(plugin.licenseDetails?.valid, true);
  assert.equal(plugin.licenseDetails?.evaluation, true);
  assert.equal(plugin.licenseDetails?.licenseType, 'EVALUATION');
  assert.equal(plugin.licenseDetails?.expiryDate, Date.parse('2026-10-27T12:00:00Z') + 30 * 86_400_000);
  const forge = await h.json<Plugin>(`${h.siteA}${jira}forge-reporter-key`, h.adminBasic);
  assert.equal(forge.licenseDetails, undefined);
});

test('an unknown key is a 404 in UPM’s error format, and an unacceptable Accept a 406', async () => {
  const res = await h.get(`${h.siteA}${jira}com.nobody.nothing-key`, h.adminBasic);
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as { 'status-code': number })['status-code'], 404);
  assert.equal((await h.get(`${h.siteA}${jira}`, h.adminBasic, { accept: 'text/html' })).status, 406);
});

test('disabling an app over PUT sticks: the list then shows it enabled:false, and enabling restores it', async () => {
  const res = await put('com.tiny.timesheets', { enabled: false });
  assert.equal(res.status, 200);
  const updated = (await res.json()) as Plugin;
  assert.equal(updated.enabled, false);
  assert.ok(updated.modules?.every((m) => !m.enabled));
  const listed = (await listJira()).plugins.find((p) => p.key === 'com.tiny.timesheets');
  assert.equal(listed?.enabled, false);
  // A whole representation with enabled flipped back works too.
  assert.equal((await put('com.tiny.timesheets', { ...updated, enabled: true })).status, 200);
  assert.equal((await listJira()).plugins.find((p) => p.key === 'com.tiny.timesheets')?.enabled, true);
  const writes = (await h.json<{ writes: { endpointId: string; status: number }[] }>(`${h.control}/counters`))
    .writes;
  assert.deepEqual(
    writes.map((w) => [w.endpointId, w.status]),
    [
      ['upm.jira.update', 200],
      ['upm.jira.update', 200],
    ],
  );
});

test('PUT needs UPM’s plugin media type and a boolean enabled; required system plugins stay enabled', async () => {
  assert.equal((await put('com.tiny.timesheets', { enabled: false }, 'application/json')).status, 415);
  assert.equal((await put('com.tiny.timesheets', { name: 'x' })).status, 400);
  const required = await put('com.atlassian.upm.atlassian-universal-plugin-manager-plugin', {
    enabled: false,
  });
  assert.equal(required.status, 403);
  assert.equal((await put('com.nobody.nothing', { enabled: false })).status, 404);
});

test('uninstalling a Connect app removes it, records the write and leaves audit traces', async () => {
  const res = await del('com.tiny.timesheets');
  assert.equal(res.status, 204);
  assert.equal(await res.text(), '');
  assert.ok(!(await listJira()).plugins.some((p) => p.key === 'com.tiny.timesheets'));
  assert.equal((await h.get(`${h.siteA}${jira}com.tiny.timesheets-key`, h.adminBasic)).status, 404);
  const counters = await h.json<{ writes: { endpointId: string; method: string; status: number }[] }>(
    `${h.control}/counters`,
  );
  assert.deepEqual(
    counters.writes.map((w) => [w.endpointId, w.method, w.status]),
    [['upm.jira.delete', 'DELETE', 204]],
  );
  const state = h.sim.context.state;
  assert.ok(!state.tenant.installations.some((i) => i.appKey === 'com.tiny.timesheets'));
  const audit = state.sitesById.get(TINY.siteA)?.jira?.audit.at(-1);
  assert.deepEqual([audit?.summary, audit?.authorAccountId], ['App uninstalled', TINY.admin]);
  assert.equal(state.tenant.events.at(-1)?.action, 'ecosystem_app_uninstalled');
});

test('Forge apps and system plugins cannot be uninstalled through UPM (403)', async () => {
  const forge = await del('forge-reporter');
  assert.equal(forge.status, 403);
  assert.match(((await forge.json()) as { message: string }).message, /Forge app/);
  const system = await del('com.atlassian.jira.emoji');
  assert.equal(system.status, 403);
  assert.deepEqual(await system.json(), {
    errorMessage: null,
    subCode: 'upm.pluginUninstall.error.plugin.is.system',
  });
  assert.equal((await del('com.atlassian.plugins.atlassian-connect-plugin')).status, 403);
  assert.equal((await del('com.nobody.nothing')).status, 404);
  assert.equal((await listJira()).plugins.filter((p) => p.key === 'forge-reporter').length, 1);
});

test('a member who is not an admin gets UPM’s bare 401 on every UPM call, and changes nothing', async () => {
  const list = await h.get(`${h.siteA}${jira}`, h.memberBasic);
  assert.equal(list.status, 401);
  assert.match(list.headers.get('content-type') ?? '', /^application\/vnd\.atl\.plugins\.error\+json/);
  assert.equal(await list.text(), 'Must have permission to access this resource.');
  const removal = await del('com.tiny.timesheets', h.memberBasic);
  assert.equal(removal.status, 401);
  assert.equal(await removal.text(), 'Must have permission to access this resource.');
  assert.equal(
    (await listJira()).plugins.some((p) => p.key === 'com.tiny.timesheets'),
    true,
  );
});

test('no credentials or wrong ones are a 401; a site without Confluence has no Confluence UPM', async () => {
  assert.equal((await h.get(`${h.siteA}${jira}`)).status, 401);
  const wrong = await h.get(`${h.siteA}${jira}`, h.basic('ada@acme.example', 'wrong-token'));
  assert.equal(wrong.status, 401);
  assert.equal(((await wrong.json()) as { 'status-code': number })['status-code'], 401);
  assert.equal((await h.get(`${h.siteB}/wiki/rest/plugins/1.0/`, h.adminBasic)).status, 404);
  const labs = await h.json<Collection>(`${h.siteB}${jira}`, h.adminBasic);
  assert.ok(labs.plugins.every((p) => !p.userInstalled));
});
