import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sarifValidator } from '../../src/report/testing/validators.ts';
import {
  cleanEnv,
  type DemoSimulator,
  leakedSecrets,
  type Run,
  runPalisade,
  startDemoSimulator,
} from './support.ts';

// Exit codes a pipeline branches on: 2 when a check at or above --fail-on fails (the demo org has
// critical findings), 0 otherwise; and the environment twins of the flags. The scan keeps its
// snapshot (--db), which `palisade report` then re-evaluates offline.

let demo: DemoSimulator;
let dir: string;
let scan: Run;

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-exit-'));
  const { info } = demo.sim;
  // Credentials and the allow-list through the environment, as CI secrets would pass them.
  const env = cleanEnv({
    PALISADE_EMAIL: info.credentials.admin.email,
    PALISADE_API_TOKEN: info.credentials.admin.apiToken,
    PALISADE_ORG_API_KEY: info.credentials.orgApiKey,
    PALISADE_ALLOW_HOSTS: demo.allowArgs.filter((a) => a !== '--allow-host').join(','),
    PALISADE_FAIL_ON: 'high',
  });
  scan = await runPalisade(
    [
      'scan',
      ...info.sites.flatMap((s) => ['--site', s.url]),
      '--admin-api-url',
      info.adminApiUrl,
      '--marketplace-url',
      info.marketplaceUrl,
      '--format',
      'json',
      '--output',
      join(dir, 'scan.json'),
      '--db',
      join(dir, 'palisade.db'),
    ],
    { cwd: dir, env },
  );
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a failing high or critical check ends the scan with exit code 2 (PALISADE_FAIL_ON=high)', () => {
  assert.equal(scan.code, 2, scan.stderr);
  assert.match(
    scan.stdout,
    /\d+ failing results? \(\d+ checks?\) at or above high \(--fail-on high\): exit code 2/,
  );
  assert.ok(existsSync(join(dir, 'scan.json')), '--output wrote the one JSON file');
  assert.deepEqual(leakedSecrets(scan, demo.secrets), []);
});

test('credentials and allowed hosts given only through the environment are enough to scan', () => {
  assert.match(scan.stdout, /Acme — snapshot 1, 2 sites/);
  assert.match(scan.stdout, /Snapshot kept in .*palisade\.db/);
});

test('palisade report re-evaluates the kept snapshot offline: exit 0 without --fail-on', async () => {
  const run = await runPalisade(
    ['report', '--db', join(dir, 'palisade.db'), '--format', 'csv', '--output-dir', dir],
    {
      cwd: dir,
    },
  );
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /snapshot 1/);
  assert.ok(existsSync(join(dir, 'palisade-report.csv')));
});

test('palisade report --fail-on critical exits 2 and writes a valid SARIF file', async () => {
  const out = join(dir, 'offline.sarif');
  const run = await runPalisade(
    [
      'report',
      '--db',
      join(dir, 'palisade.db'),
      '--format',
      'sarif',
      '--output',
      out,
      '--fail-on',
      'critical',
    ],
    { cwd: dir },
  );
  assert.equal(run.code, 2, run.stderr);
  assert.deepEqual(sarifValidator()(JSON.parse(readFileSync(out, 'utf8'))), []);
});
