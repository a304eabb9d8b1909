import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type DemoSimulator, leakedSecrets, type Run, runPalisade, startDemoSimulator } from './support.ts';

// A scan with an API token created with scopes, as a user who followed Atlassian's advice would
// run it: discovery sees that the site refuses the token and the gateway takes it, the sync reads
// Jira and Confluence through the gateway, and the report says plainly what such a token cannot read.

interface Coverage {
  site: string | null;
  dataset: string;
  status: string;
  reason: string | null;
}

let demo: DemoSimulator;
let dir: string;
let run: Run;
let scopedToken: string;

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-scoped-'));
  const scoped = demo.sim.info.credentials.scopedApiToken;
  assert.ok(scoped, 'the demo hands out a scoped API token');
  scopedToken = scoped.apiToken;
  const args = [...demo.scanArgs];
  args[args.indexOf('--api-token') + 1] = scoped.apiToken;
  run = await runPalisade(['scan', ...args, '--output', join(dir, 'report.json')], { cwd: dir });
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a scan with a scoped API token succeeds and says it reads through the gateway', () => {
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /the API token has scopes: reading sites through api\.atlassian\.com\/ex/);
  assert.deepEqual(leakedSecrets(run, [...demo.secrets, scopedToken]), []);
});

test('the report covers Jira and Confluence, and names the classic token the installed apps need', () => {
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { coverage: Coverage[] };
  const of = (dataset: string) => report.coverage.filter((c) => c.dataset === dataset);
  for (const dataset of ['jira.projects', 'jira.permission-schemes', 'confluence.spaces']) {
    assert.ok(of(dataset).length > 0, dataset);
    assert.ok(
      of(dataset).every((c) => c.status === 'ok'),
      `${dataset}: ${JSON.stringify(of(dataset))}`,
    );
  }
  for (const dataset of ['apps.upm-jira', 'apps.forge']) {
    assert.ok(of(dataset).length > 0, dataset);
    for (const c of of(dataset)) {
      assert.equal(c.status, 'forbidden', dataset);
      assert.match(c.reason ?? '', /site host, which refuses scoped tokens/);
      assert.match(c.reason ?? '', /classic API token \(without scopes\) of a site admin/);
    }
  }
});
