import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DataCenterSiteInfo } from '../../simulator/start.ts';
import { type DemoSimulator, type Run, runPalisade, startDemoSimulator } from './support.ts';

// `palisade scan --data-center-url`: the demo's two Data Center instances scanned in one run, each
// its own connection with its own reports, one personal access token per instance given through
// the environment, the tokens never printed.

let demo: DemoSimulator;
let dir: string;
let run: Run;
let sites: DataCenterSiteInfo[];

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-dc-'));
  sites = demo.sim.info.dataCenterSites;
  run = await runPalisade(
    [
      'scan',
      ...sites.flatMap((s) => ['--data-center-url', s.url, '--allow-host', new URL(s.url).host]),
      '--format',
      'json',
      '--output-dir',
      join(dir, 'reports'),
      '--db',
      join(dir, 'palisade.db'),
    ],
    { cwd: dir, env: { PALISADE_DATA_CENTER_TOKEN: sites.map((s) => s.credentials.adminToken).join(',') } },
  );
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('each Data Center instance is scanned with its token into its own report, its planted problems failing', () => {
  assert.equal(run.code, 0, run.stderr);
  assert.equal(sites.length, 2);
  assert.match(run.stderr, /org-level checks: a Data Center instance is scanned without the organization/);
  for (const site of sites) {
    const host = new URL(site.url).host.replace(/[^A-Za-z0-9.-]/g, '_');
    const report = JSON.parse(readFileSync(join(dir, 'reports', host, 'palisade-report.json'), 'utf8'));
    assert.deepEqual(
      report.sites.map((s: { url: string }) => s.url),
      [site.url],
    );
    const prefix = site.product === 'jira-data-center' ? 'dc_jira_' : 'dc_conf_';
    const failed = report.results.filter(
      (r: { ruleId: string; status: string }) => r.status === 'fail' && r.ruleId.startsWith(prefix),
    );
    assert.ok(failed.some((r: { ruleId: string }) => r.ruleId === `${prefix}websudo_enabled`));
  }
  assert.equal(run.stdout.match(/connection dc-/g)?.length, 2);
});

test('the personal access tokens appear in no output', () => {
  for (const site of sites) {
    assert.equal(`${run.stdout}${run.stderr}`.includes(site.credentials.adminToken), false);
  }
});
