import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { palisade } from './in-process.ts';
import { type DemoSimulator, startDemoSimulator } from './support.ts';

// `palisade diff` judges both snapshots as a scan does, Palisade's app governance state included:
// an app whose new version asks for a scope that lifts its risk score to 60 or more, with nobody
// having accepted that risk, is a regression of org_no_unaccepted_high_risk_apps (high), and
// `--fail-on high` exits 2. The scope (delete) trips no other high check, so the exit code is this
// rule's alone.

const APP = 'com.quillwork.checklists';

let demo: DemoSimulator;
let dir: string;

const scan = async () => {
  const run = await palisade(
    [
      'scan',
      ...demo.scanArgs,
      '--format',
      'json',
      '--output',
      join(dir, 'scan.json'),
      '--db',
      join(dir, 'palisade.db'),
      '--quiet',
    ],
    { cwd: dir },
  );
  assert.equal(run.stderr, '');
  return run;
};

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-diff-'));
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('diff --fail-on high exits 2 when an app becomes high-risk without an accepted risk', async () => {
  await scan();
  const response = await fetch(`${demo.sim.info.controlUrl}/tenant/apps/${APP}/scopes`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      scopes: ['read:jira-work', 'write:jira-work', 'delete:jira-work', 'storage:app'],
    }),
  });
  assert.equal(response.status, 200, await response.text());
  await scan();

  const run = await palisade(['diff', '--db', join(dir, 'palisade.db'), '--json', '--fail-on', 'high'], {
    cwd: dir,
  });
  assert.equal(run.code, 2, run.stderr);
  const diff = JSON.parse(run.stdout) as {
    from: number;
    to: number;
    new: { ruleId: string }[];
    regressed: { ruleId: string; resource: { id: string }; previous: { status: string } }[];
  };
  assert.deepEqual([diff.from, diff.to], [1, 2]);
  const worse = [...diff.new, ...diff.regressed];
  assert.deepEqual(
    diff.regressed
      .filter((c) => c.ruleId === 'org_no_unaccepted_high_risk_apps')
      .map((c) => [c.resource.id, c.previous.status]),
    [[`jira:${APP}`, 'pass']],
  );
  // Nothing else at high or above got worse: the exit code is the governance rule's.
  assert.ok(
    worse.every((c) => !['app_admin_capability', 'app_act_as_user'].includes(c.ruleId)),
    JSON.stringify(worse.map((c) => c.ruleId)),
  );
});
