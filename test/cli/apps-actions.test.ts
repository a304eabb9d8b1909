import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EXIT_MANUAL_REQUIRED } from '../../src/cli/exit-codes.ts';
import { palisade } from './in-process.ts';
import { type DemoSimulator, startDemoSimulator } from './support.ts';

// App actions never say "done" when nothing changed: a Forge uninstall that needs an admin exits
// with its own code and says so on stderr; disabling a disabled app answers "no change".

const FORGE = 'com.greenleaf.ai-assistant'; // Forge, on acme Jira
const CONNECT = 'com.harbortools.admin-toolkit'; // Connect, on acme Jira, disabled in the demo
const ENABLED = 'com.harbortools.sla-monitor'; // Connect, on acme Jira, enabled

let demo: DemoSimulator;
let dir: string;
let write: string[];

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-actions-'));
  const db = join(dir, 'palisade.db');
  const scan = await palisade(
    ['scan', ...demo.scanArgs, '--db', db, '--format', 'json', '--output-dir', dir, '--quiet'],
    {
      cwd: dir,
    },
  );
  assert.ok(scan.code === 0 || scan.code === 2, scan.stderr);
  const { admin } = demo.sim.info.credentials;
  write = ['--db', db, '--write-email', admin.email, '--write-api-token', admin.apiToken, ...demo.allowArgs];
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('uninstalling a Forge app that needs manual steps exits with the manual-required code and says so on stderr', async () => {
  const run = await palisade(['apps', 'uninstall', FORGE, ...write], { cwd: dir });
  assert.equal(run.code, EXIT_MANUAL_REQUIRED);
  assert.equal(EXIT_MANUAL_REQUIRED, 3);
  assert.match(run.stdout, /manual steps required/);
  assert.match(
    run.stderr,
    new RegExp(`apps uninstall ${FORGE}: not done on \\d+ installations? — .*exit code 3`),
  );
});

test('disabling an app the demo has disabled answers "no change"; an enabled one is disabled, then no change', async () => {
  const disabled = await palisade(['apps', 'disable', CONNECT, ...write], { cwd: dir });
  assert.equal(disabled.code, 0, disabled.stderr);
  assert.match(disabled.stdout, new RegExp(`disable ${CONNECT}: no change`));
  assert.match(disabled.stdout, /no change: already disabled, nothing sent/);
  const first = await palisade(['apps', 'disable', ENABLED, ...write], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, new RegExp(`disable ${ENABLED}: succeeded`));
  const again = await palisade(['apps', 'disable', ENABLED, ...write], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`disable ${ENABLED}: no change`));
});
