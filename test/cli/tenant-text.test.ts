import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { palisade } from './in-process.ts';
import { type DemoSimulator, startDemoSimulator } from './support.ts';

// Tenant data is untrusted: an app name or a user's display name carrying terminal escape codes
// (clear the screen, retitle the window, overwrite the line) reaches every command that prints
// it without them. One org, two scans: the app is renamed before the first, the admin is added
// before the second, so `diff` has the admin's finding as new.

const EVIL = '\x1b[2J\x1b[H\x1b]0;pwned\x07\r';
const APP_NAME = `Acme Release${EVIL}Bot`;
const USER_NAME = `Eve${EVIL}Mallory`;
const APP = 'com.acme.release-bot';

let demo: DemoSimulator;
let dir: string;
let firstScan: { stdout: string; stderr: string };

const db = () => join(dir, 'palisade.db');
const scan = () =>
  palisade(['scan', ...demo.scanArgs, '--format', 'json', '--output-dir', dir, '--db', db()], { cwd: dir });

function assertClean(text: string, expected: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point.
  assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, JSON.stringify(text.slice(0, 2000)));
  assert.ok(text.includes(expected), `${expected} is not in:\n${text}`);
}

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-tenant-text-'));
  const { tenant } = demo.sim.context.state;
  for (const app of tenant.apps) if (app.key === APP) app.name = APP_NAME;
  firstScan = await scan();
  const response = await fetch(`${demo.sim.info.controlUrl}/tenant/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'eve@acme.com', name: USER_NAME, admin: true, mfaEnabled: false }),
  });
  assert.equal(response.status, 200, await response.text());
  const second = await scan();
  assert.equal(second.stderr.includes('Error'), false, second.stderr);
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the scan summary prints an app name without its escape codes', () => {
  assertClean(firstScan.stdout + firstScan.stderr, 'Acme ReleaseBot');
});

test('diff prints a new admin without the escape codes in their name', async () => {
  const run = await palisade(['diff', '--db', db()], { cwd: dir });
  assertClean(run.stdout, 'EveMallory');
});

test('apps list and apps show print an app name without its escape codes', async () => {
  const list = await palisade(['apps', 'list', '--db', db()], { cwd: dir });
  assertClean(list.stdout, 'Acme ReleaseBot');
  const show = await palisade(['apps', 'show', APP, '--db', db()], { cwd: dir });
  assertClean(show.stdout, 'Acme ReleaseBot');
});

test('except --candidates prints the failing admin without the escape codes in their name', async () => {
  const run = await palisade(['except', '--rule', 'org_admins_strong_auth', '--candidates', '--db', db()], {
    cwd: dir,
  });
  assert.equal(run.code, 0, run.stderr);
  assertClean(run.stdout, 'EveMallory');
});
