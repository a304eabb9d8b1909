import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type DemoSimulator, type Run, runPalisade, startDemoSimulator } from './support.ts';

// Without org credentials a scan reads the sites alone: it still succeeds, the report has no org,
// and every org-level check is `unknown` saying why, never a pass.

interface Result {
  ruleId: string;
  status: string;
  site: string | null;
  message: string;
}

let demo: DemoSimulator;
let dir: string;
let run: Run;

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-sites-'));
  const { info } = demo.sim;
  run = await runPalisade(
    [
      'scan',
      '--site',
      info.sites[1]?.url ?? '',
      '--email',
      info.credentials.admin.email,
      '--api-token',
      info.credentials.admin.apiToken,
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

test('a scan with a site credential only succeeds and says the org-level checks are skipped', () => {
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /skipping org-level checks: no --org-api-key given/);
});

test('every org-level result is unknown with the reason, and the report has no org', () => {
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  assert.equal(report.org, null);
  assert.equal(report.sites.length, 1);
  const org = (report.results as Result[]).filter((r) => r.site === null);
  assert.ok(org.length > 10);
  assert.deepEqual([...new Set(org.map((r) => r.status))], ['unknown']);
  assert.ok(org.some((r) => /No org API key is connected/.test(r.message)));
  assert.ok((report.results as Result[]).some((r) => r.site !== null && r.status === 'fail'));
});
