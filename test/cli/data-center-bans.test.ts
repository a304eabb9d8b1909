import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DataCenterSiteInfo } from '../../simulator/start.ts';
import { palisade } from './in-process.ts';
import { type DemoSimulator, startDemoSimulator } from './support.ts';

// Write consent on a Data Center instance from the CLI: `apps uninstall|ban` on the instance's
// connection with --data-center-write-token, and a scan with it takes out a banned plugin that
// someone installed again. The read and write tokens are a system administrator's personal access
// tokens; neither is ever printed.

const PLUGIN = 'com.harbortools.jira-workflow-toolkit';

let demo: DemoSimulator;
let dir: string;
let jira: DataCenterSiteInfo;
let db: string;
let connection: string;
let printed = '';

function jiraModel() {
  const model = demo.sim.context.state.tenant.dataCenterSites?.find((s) => s.product === 'jira-data-center');
  assert.ok(model);
  return model;
}
const installed = () => jiraModel().plugins.some((p) => p.key === PLUGIN);
/** The plugin as the instance held it, to install it again after an uninstall. */
let pluginModel: ReturnType<typeof jiraModel>['plugins'][number] | undefined;

async function run(args: string[], env: Record<string, string> = {}) {
  const result = await palisade(args, { cwd: dir, env });
  printed += result.stdout + result.stderr;
  return result;
}

function scanArgs(...more: string[]): string[] {
  return [
    'scan',
    '--data-center-url',
    jira.url,
    '--data-center-token',
    jira.credentials.adminToken,
    '--allow-host',
    new URL(jira.url).host,
    '--db',
    db,
    '--format',
    'json',
    '--output-dir',
    join(dir, 'reports'),
    '--quiet',
    ...more,
  ];
}

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-dc-bans-'));
  db = join(dir, 'palisade.db');
  const found = demo.sim.info.dataCenterSites.find((s) => s.product === 'jira-data-center');
  assert.ok(found);
  jira = found;
  pluginModel = structuredClone(jiraModel().plugins.find((p) => p.key === PLUGIN));
  const first = await run(scanArgs());
  assert.equal(first.code, 0, first.stderr);
  connection = /connection (dc-[^)\s]+)/.exec(first.stdout)?.[1] ?? '';
  assert.ok(connection, first.stdout);
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const actionArgs = (name: string, ...more: string[]) => [
  'apps',
  name,
  PLUGIN,
  '--db',
  db,
  '--connection',
  connection,
  '--allow-host',
  new URL(jira.url).host,
  ...more,
];

test('an action on a Data Center plugin asks for the instance’s write token, not a Cloud admin’s', async () => {
  const cloud = await run(
    actionArgs('uninstall', '--write-email', 'admin@acme.example', '--write-api-token', 'cloud-token-123'),
  );
  assert.equal(cloud.code, 1);
  assert.match(cloud.stderr, /needs write consent — pass --data-center-write-token/);
  const product = await run(actionArgs('uninstall', '--product', 'jira'), {
    PALISADE_DATA_CENTER_WRITE_TOKEN: jira.credentials.adminToken,
  });
  assert.equal(product.code, 1);
  assert.match(product.stderr, /runs one product — leave out --product/);
  assert.ok(installed(), 'nothing was sent');
});

test('a dry run shows the UPM call; the real uninstall removes the plugin from the instance', async () => {
  const env = { PALISADE_DATA_CENTER_WRITE_TOKEN: jira.credentials.adminToken };
  const dry = await run(actionArgs('uninstall', '--dry-run'), env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /DELETE .*\/rest\/plugins\/1\.0\/com\.harbortools\.jira-workflow-toolkit-key/);
  assert.ok(installed(), 'a dry run sends nothing');
  const done = await run(actionArgs('uninstall'), env);
  assert.equal(done.code, 0, done.stdout + done.stderr);
  assert.equal(installed(), false);
});

test('a banned plugin installed again is reported by a scan without write consent, and uninstalled by one with it', async () => {
  const model = jiraModel();
  assert.ok(pluginModel && !installed());
  model.plugins.push(structuredClone(pluginModel));
  const ban = await run(
    actionArgs('ban', '--reason', 'not approved', '--data-center-write-token', jira.credentials.adminToken),
  );
  assert.equal(ban.code, 0, ban.stdout + ban.stderr);
  assert.equal(installed(), false, 'the ban uninstalled it');

  // Someone installs it again.
  model.plugins.push(structuredClone(pluginModel));
  const readOnly = await run(scanArgs());
  assert.equal(readOnly.code, 0, readOnly.stderr);
  assert.match(
    readOnly.stdout,
    /Banned apps found installed again \(1\):\n {2}\[write_consent_required\] Banned app Workflow Toolkit .*\(a system administrator's personal access token\)/,
  );
  assert.ok(installed(), 'without write consent the scan reports it and changes nothing');

  const enforced = await run(scanArgs('--data-center-write-token', jira.credentials.adminToken));
  assert.equal(enforced.code, 0, enforced.stderr);
  assert.match(enforced.stdout, /Banned apps found installed again \(1\):\n {2}\[uninstalled\] /);
  assert.equal(installed(), false, 'the scan took it out again');
});

test('neither personal access token is ever printed', () => {
  assert.ok(printed.length > 0);
  assert.equal(printed.includes(jira.credentials.adminToken), false);
});
