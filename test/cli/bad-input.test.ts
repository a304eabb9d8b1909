import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  closedPort,
  type DemoSimulator,
  leakedSecrets,
  type Run,
  runPalisade,
  startDemoSimulator,
} from './support.ts';

// Bad input ends with exit code 1 and ONE line on stderr that names the problem and the fix: no
// stack trace, no usage dump, and never a credential (the token given is one of the simulator's
// real ones, so a leak would be visible). The runs start together; each test reads its own.

let demo: DemoSimulator;
let dir: string;
const runs = new Map<string, Promise<Run>>();

function expectOneLine(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 1, `exit code (stderr: ${run.stderr})`);
  const lines = run.stderr.split('\n').filter((l) => l.length > 0);
  assert.equal(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.match(lines[0] ?? '', /^palisade: /);
  assert.match(lines[0] ?? '', pattern);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  assert.deepEqual(leakedSecrets(run, demo.secrets), [], 'no credential in the output');
}

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-bad-'));
  const { info } = demo.sim;
  const site = info.sites[0]?.url ?? '';
  const email = info.credentials.admin.email;
  const token = info.credentials.admin.apiToken;
  const port = await closedPort();
  const garbage = join(dir, 'garbage.db');
  writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
  const quiet = ['--quiet'];
  const start = (name: string, args: string[]) => runs.set(name, runPalisade(args, { cwd: dir }));

  start('missing credentials', ['scan', ...quiet, '--site', site, ...demo.allowArgs]);
  start('rejected token', [
    'scan',
    ...quiet,
    '--site',
    site,
    '--email',
    email,
    '--api-token',
    `${token.slice(0, -4)}XXXX`,
    ...demo.allowArgs,
  ]);
  start('rejected org key', [
    'scan',
    ...quiet,
    '--site',
    site,
    '--email',
    email,
    '--api-token',
    token,
    '--org-api-key',
    `${info.credentials.orgApiKey.slice(0, -4)}XXXX`,
    '--admin-api-url',
    info.adminApiUrl,
    ...demo.allowArgs,
  ]);
  start('unreachable host', [
    'scan',
    ...quiet,
    '--site',
    `http://127.0.0.1:${port}`,
    '--email',
    email,
    '--api-token',
    token,
    '--allow-host',
    `127.0.0.1:${port}`,
  ]);
  start('host not allowed', ['scan', ...quiet, '--site', site, '--email', email, '--api-token', token]);
  start('invalid URL', [
    'scan',
    ...quiet,
    '--site',
    'acme atlassian net',
    '--email',
    email,
    '--api-token',
    token,
  ]);
  start('corrupt snapshot', ['report', '--db', garbage]);
  start('missing snapshot', ['report', '--db', join(dir, 'nothing-here.db')]);
  start('unknown format', [
    'scan',
    '--site',
    site,
    '--format',
    'pdf',
    '--email',
    email,
    '--api-token',
    token,
  ]);
  const dc = info.dataCenterSites[0];
  start('cloud write consent on data center', [
    'scan',
    ...quiet,
    '--data-center-url',
    dc?.url ?? '',
    '--data-center-token',
    dc?.credentials.adminToken ?? '',
    '--write-email',
    email,
    '--write-api-token',
    token,
    ...demo.allowArgs,
  ]);
  await Promise.all(runs.values());
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const result = (name: string) => runs.get(name) as Promise<Run>;

test('a scan without a site credential says which flags or variables are missing', async () => {
  expectOneLine(await result('missing credentials'), /missing --email and --api-token \(or PALISADE_EMAIL/);
});

test('a rejected API token names the site and the flags to fix', async () => {
  const run = await result('rejected token');
  expectOneLine(run, /127\.0\.0\.1:\d+ rejected the site credential \(401.*check --email and --api-token/);
});

test('a rejected org API key is reported as such', async () => {
  expectOneLine(await result('rejected org key'), /admin API rejected the org API key.*--org-api-key/);
});

test('an unreachable host (a closed port) is named with the connection error', async () => {
  expectOneLine(await result('unreachable host'), /cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
});

test('a host that is neither Atlassian nor allow-listed is refused before any call, with the fix', async () => {
  expectOneLine(
    await result('host not allowed'),
    /127\.0\.0\.1:\d+ is not an Atlassian host.*add --allow-host 127\.0\.0\.1:\d+ \(or PALISADE_ALLOW_HOSTS\)/,
  );
});

test('an invalid site URL is refused with an example of a valid one', async () => {
  expectOneLine(
    await result('invalid URL'),
    /--site "acme atlassian net" is not a valid URL — pass an address like https:/,
  );
});

test('a corrupt snapshot file is refused as not a Palisade database', async () => {
  expectOneLine(await result('corrupt snapshot'), /garbage\.db.*not a database.*--db/);
});

test('a snapshot file that does not exist is named, with how to create one', async () => {
  expectOneLine(
    await result('missing snapshot'),
    /no database at .*nothing-here\.db — pass the --db a scan wrote/,
  );
});

test("a Data Center scan refuses a Cloud site admin's write credential instead of sending it to the instance", async () => {
  expectOneLine(
    await result('cloud write consent on data center'),
    /--write-email and --write-api-token .* pass --data-center-write-token instead/,
  );
});

test('an unknown report format lists the valid ones', async () => {
  expectOneLine(
    await result('unknown format'),
    /--format "pdf" is not a report format — use json, csv, sarif, html, ocsf/,
  );
});
