import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type DemoSimulator, type Run, runPalisade, startDemoSimulator } from './support.ts';

// A scan with the site credential of a plain user (the demo's member): discovery tells what it
// is, the scan says which datasets it cannot read, and the public DOCS space — a failure with the
// admin's credential — is unknown, never a pass.

interface Result {
  ruleId: string;
  status: string;
  resource: { id: string };
  message: string;
}

let demo: DemoSimulator;
let dir: string;
let run: Run;
let host: string;

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-member-'));
  const { info } = demo.sim;
  const acme = info.sites.find((s) => s.name === 'acme');
  assert.ok(acme);
  host = new URL(acme.url).host;
  run = await runPalisade(
    [
      'scan',
      '--site',
      acme.url,
      '--email',
      info.credentials.member.email,
      '--api-token',
      info.credentials.member.apiToken,
      '--marketplace-url',
      info.marketplaceUrl,
      ...demo.allowArgs,
      '--output',
      join(dir, 'report.json'),
    ],
    { cwd: dir },
  );
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a scan with a plain user credential succeeds and says which datasets it needs an admin for', () => {
  assert.equal(run.code, 0, run.stderr);
  assert.match(
    run.stderr,
    new RegExp(
      `skipping \\d+ admin-only datasets on ${host.replace(/\./g, '\\.')}: the site credential is a plain user, not Jira administrator \\(Administer Jira global permission\\) nor Confluence administrator: they will say unknown`,
    ),
  );
});

test('the public space a plain user cannot see the permissions of is unknown, naming the right', () => {
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  const docs = (report.results as Result[]).find(
    (r) => r.ruleId === 'conf_no_anonymous_space_access' && r.resource.id === 'DOCS',
  );
  assert.equal(docs?.status, 'unknown', docs?.message);
  assert.match(docs?.message ?? '', /Confluence administrator/);
});
