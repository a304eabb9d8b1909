import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { palisade } from './in-process.ts';
import { type DemoSimulator, startDemoSimulator } from './support.ts';

// A banned app that someone installs again is a critical finding of its own (app_not_banned) in
// every report format, not only the alert on stdout, and `apps list` / `apps show` mark it.

const BANNED = 'io.fastsync.jira-sync'; // Connect, on acme Jira

let demo: DemoSimulator;
let dir: string;
let reports: string;

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-banned-'));
  reports = join(dir, 'reports');
  const db = join(dir, 'palisade.db');
  const scanArgs = ['scan', ...demo.scanArgs, '--db', db, '--quiet'];
  const first = await palisade([...scanArgs, '--format', 'json', '--output', join(dir, 'first.json')], {
    cwd: dir,
  });
  assert.equal(first.code === 0 || first.code === 2, true, first.stderr);
  const { admin } = demo.sim.info.credentials;
  const ban = await palisade(
    [
      'apps',
      'ban',
      BANNED,
      '--db',
      db,
      '--write-email',
      admin.email,
      '--write-api-token',
      admin.apiToken,
      '--admin-api-url',
      demo.sim.info.adminApiUrl,
      '--reason',
      'Unvetted vendor',
      ...demo.allowArgs,
    ],
    { cwd: dir },
  );
  assert.equal(ban.code, 0, ban.stdout + ban.stderr);
  const installed = await fetch(`${demo.sim.info.controlUrl}/tenant/apps/install`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: BANNED, site: 'acme', product: 'jira', installedBy: admin.email }),
  });
  assert.equal(installed.status < 300, true, await installed.text());
  const again = await palisade(
    [...scanArgs, '--format', 'json,csv,sarif,html,ocsf', '--output-dir', reports],
    { cwd: dir },
  );
  assert.equal(again.code === 0 || again.code === 2, true, again.stderr);
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a banned app installed again is a critical app_not_banned failure in every report format', () => {
  const json = JSON.parse(readFileSync(join(reports, 'palisade-report.json'), 'utf8')) as {
    results: {
      ruleId: string;
      status: string;
      severity: string;
      resource: { id: string };
      message: string;
    }[];
  };
  const found = json.results.filter((r) => r.ruleId === 'app_not_banned' && r.status === 'fail');
  assert.deepEqual(
    found.map((r) => [r.resource.id, r.severity]),
    [[`jira:${BANNED}`, 'critical']],
  );
  assert.match(found[0]?.message ?? '', /is banned \(Unvetted vendor; by .+\) but was found installed/);
  const files = readdirSync(reports);
  assert.equal(files.length, 5, files.join(', '));
  for (const file of files) {
    const text = readFileSync(join(reports, file), 'utf8');
    assert.match(text, /app_not_banned/, `${file} names the check`);
    assert.match(text, /is banned \(Unvetted vendor/, `${file} holds the finding`);
  }
});

test('apps list and apps show mark the banned app', async () => {
  const db = join(dir, 'palisade.db');
  const list = await palisade(['apps', 'list', '--db', db], { cwd: dir });
  const line = list.stdout.split('\n').find((l) => l.includes(BANNED)) ?? '';
  assert.match(line, /BANNED$/);
  assert.equal(list.stdout.split('\n').filter((l) => / BANNED$/.test(l)).length, 1);
  const show = await palisade(['apps', 'show', BANNED, '--db', db], { cwd: dir });
  assert.match(
    show.stdout,
    /\n {2}BANNED {8}Unvetted vendor — by .+ on \d{4}-\d{2}-\d{2}; installed again\n/,
  );
  assert.match(show.stdout, /app_not_banned: .* is banned/);
});
