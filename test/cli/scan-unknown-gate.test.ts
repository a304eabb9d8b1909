import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { palisade } from './in-process.ts';
import { cleanEnv, type DemoSimulator, type Run, runPalisade, startDemoSimulator } from './support.ts';

// With the anonymous-access and permission endpoints answering 503, the demo org's critical
// failures become `unknown`: a gate on failures alone would pass. `--fail-on-unknown` and
// `--min-coverage` fail it, and the summary says on every run how many checks are undecided.

let demo: DemoSimulator;
let dir: string;

const FAULTED = [
  'confluence.anonymous',
  'confluence.anonymousUser.get',
  'confluence.spacePermissions.list',
  'confluence.spacesWithPermissions.list',
  'jira.myPermissions.get',
  'jira.permissionSchemes.list',
  'jira.permissions.list',
  'jira.projectPermissionScheme.get',
];

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-unknown-'));
  demo.sim.context.faults.set({ rules: [{ endpoints: FAULTED, errorRate: 1, errorStatus: 503 }] });
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function scan(...gates: string[]): Promise<Run> {
  return runPalisade(
    ['scan', ...demo.scanArgs, '--format', 'json', '--output', join(dir, 'scan.json'), '--quiet', ...gates],
    { cwd: dir },
  );
}

test('with the permission endpoints failing, --fail-on-unknown critical exits 2 where --fail-on critical alone passes', async () => {
  const plain = await scan('--fail-on', 'critical');
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /No failing result at or above critical \(--fail-on critical\)/);
  const undecided = /Undecided checks: (\d+) critical, \d+ high, \d+ medium, \d+ low/.exec(plain.stdout);
  assert.ok(undecided && Number(undecided[1]) > 0, plain.stdout);

  const gated = await scan('--fail-on', 'critical', '--fail-on-unknown', 'critical');
  assert.equal(gated.code, 2, gated.stderr);
  assert.match(
    gated.stdout,
    /\d+ undecided results? \(\d+ checks?\) at or above critical \(--fail-on-unknown critical\): exit code 2/,
  );
});

test('--min-coverage 100 exits 2 when results are undecided, and says what share was decided', async () => {
  const run = await runPalisade(
    ['scan', ...demo.scanArgs, '--format', 'json', '--output', join(dir, 'cov.json'), '--quiet'],
    { cwd: dir, env: cleanEnv({ PALISADE_MIN_COVERAGE: '100' }) },
  );
  assert.equal(run.code, 2, run.stderr);
  assert.match(
    run.stdout,
    /[\d.]+% of the applicable results decided, below --min-coverage 100%: exit code 2/,
  );
});

test('diff --fail-on-unknown critical exits 2 when critical checks decided before are undecided now; --fail-on alone passes', async () => {
  const db = join(dir, 'history.db');
  const scanInto = () =>
    palisade(
      ['scan', ...demo.scanArgs, '--db', db, '--format', 'json', '--output-dir', join(dir, 'h'), '--quiet'],
      {
        cwd: dir,
      },
    );
  demo.sim.context.faults.set({ rules: [] });
  await scanInto();
  demo.sim.context.faults.set({ rules: [{ endpoints: FAULTED, errorRate: 1, errorStatus: 503 }] });
  await scanInto();
  const plain = await palisade(['diff', '--db', db, '--fail-on', 'critical'], { cwd: dir });
  assert.equal(plain.code, 0, plain.stdout + plain.stderr);
  const gated = await palisade(
    ['diff', '--db', db, '--fail-on', 'critical', '--fail-on-unknown', 'critical'],
    {
      cwd: dir,
    },
  );
  assert.equal(gated.code, 2, gated.stdout + gated.stderr);
  assert.match(
    gated.stdout,
    /\d+ result\(s\) at or above critical undecided now that were decided before \(--fail-on-unknown critical\): exit code 2/,
  );
});
