import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type DemoSimulator, type Run, runPalisade, startDemoSimulator } from './support.ts';

// `palisade scan --bitbucket-workspace`: the demo's Bitbucket workspace scanned on its own with
// its workspace access token (given through the environment), the report written, the token never
// printed.

let demo: DemoSimulator;
let dir: string;
let run: Run;
let token: string;

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-bitbucket-'));
  const { info } = demo.sim;
  token = info.credentials.bitbucket?.accessToken ?? '';
  run = await runPalisade(
    [
      'scan',
      '--bitbucket-workspace',
      'acme',
      '--bitbucket-api-url',
      info.bitbucketUrl,
      '--allow-host',
      new URL(info.bitbucketUrl).host,
      '--output',
      join(dir, 'report.json'),
      '--db',
      join(dir, 'palisade.db'),
    ],
    { cwd: dir, env: { PALISADE_BITBUCKET_TOKEN: token } },
  );
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a Bitbucket workspace is scanned with its access token: every Bitbucket dataset read, the report written', () => {
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /reading Bitbucket workspace acme/);
  assert.match(run.stderr, /bitbucket\.org: 8 datasets read/);
  assert.match(run.stderr, /org-level checks: a Bitbucket workspace is scanned without the organization/);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  assert.deepEqual(
    report.sites.map((s: { url: string }) => s.url),
    ['https://bitbucket.org/acme'],
  );
  assert.match(run.stdout, /connection bitbucket-/);
});

test('the access token appears in no output', () => {
  assert.ok(token.length > 10);
  assert.equal(`${run.stdout}${run.stderr}`.includes(token), false);
});
