import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { putBan } from '../../src/app-risk/actions/bans.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { listConnections } from '../../src/inventory/connections.ts';
import { type InProcessRun, palisade } from './in-process.ts';

// `palisade demo --cli` (the one-shot CLI demo) in a fresh working directory, as on a fresh clone: the
// simulator in-process, its four connections (the organization, the Bitbucket workspace, the Jira
// and Confluence Data Center instances) scanned into ./data/palisade.db, the five reports under
// ./reports/demo/ showing them side by side, in well under a minute. Then the commands that work on
// what it kept, on the organization's connection: apps, report, diff, attest, except.

let cwd: string;
let first: InProcessRun;
let firstSeconds: number;
/** `--connection <the organization's>`: the database holds four connections. */
let org: string[];

before(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'palisade-cli-demo-'));
  const started = performance.now();
  first = await palisade(['demo', '--cli'], { cwd });
  firstSeconds = (performance.now() - started) / 1000;
  org = ['--connection', first.stdout.match(/^ {2}(org-\S+) {2}Acme /m)?.[1] ?? 'org-not-printed'];
});

after(() => {
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

test('the demo finishes in under a minute and writes the five reports under ./reports/demo', () => {
  assert.equal(first.code, 0, first.stderr);
  assert.ok(firstSeconds < 60, `took ${firstSeconds.toFixed(1)} s`);
  for (const name of ['json', 'csv', 'sarif', 'html', 'ocsf.json']) {
    assert.ok(existsSync(join(cwd, 'reports', 'demo', `palisade-report.${name}`)), name);
  }
  assert.ok(existsSync(join(cwd, 'data', 'palisade.db')), 'the snapshot is in the embedded database');
});

test('the demo scans the organization, its Bitbucket workspace and both Data Center instances, one connection each', () => {
  assert.match(first.stderr, /scanning the Acme organization/);
  assert.match(first.stderr, /scanning the Bitbucket workspace acme/);
  assert.equal(first.stderr.match(/scanning the Data Center instance at /g)?.length, 2);
  for (const name of [
    'Acme',
    'Acme \\(Bitbucket\\)',
    'Acme Jira \\(Jira Data Center\\)',
    'Acme Confluence',
  ]) {
    assert.match(first.stdout, new RegExp(`^ {2}\\S+ {2}${name}.*\\(snapshot 1\\)$`, 'm'), name);
  }
});

test("the demo report shows the Bitbucket and Data Center findings beside the organization's", () => {
  const report = JSON.parse(readFileSync(join(cwd, 'reports', 'demo', 'palisade-report.json'), 'utf8'));
  type Result = {
    ruleId: string;
    status: string;
    site: string | null;
    resource: { type: string; id: string; name: string | null };
  };
  const failing = (report.results as Result[]).filter((r) => r.status === 'fail');
  assert.equal(report.org.name, 'Acme');
  assert.ok(report.sites.some((s: { url: string }) => s.url === 'https://bitbucket.org/acme'));
  assert.ok(failing.some((r) => r.ruleId === 'bb_no_public_repos' && r.resource.name === 'acme/web'));
  assert.ok(failing.some((r) => r.ruleId === 'dc_jira_websudo_enabled'));
  assert.ok(failing.some((r) => r.ruleId === 'dc_conf_websudo_enabled'));
  assert.ok(failing.some((r) => r.ruleId === 'org_no_dormant_admins'));
  // Scanned without the organization, the workspace and the instances leave the org-level checks
  // to it: each org-level result is there once, not once per connection.
  const orgLevel = (report.results as Result[])
    .filter((r) => r.site === null)
    .map((r) => `${r.ruleId} ${JSON.stringify(r.resource)}`);
  assert.ok(orgLevel.length > 0);
  assert.equal(new Set(orgLevel).size, orgLevel.length);
  const page = readFileSync(join(cwd, 'reports', 'demo', 'palisade-report.html'), 'utf8');
  for (const text of [
    'bb_no_public_repos',
    'acme/web',
    'dc_jira_websudo_enabled',
    'jira.acme-dc.example',
    'org_no_dormant_admins',
  ]) {
    assert.ok(page.includes(text), text);
  }
});

test('the demo prints where the reports are, the posture score, top findings and riskiest apps', () => {
  assert.match(first.stdout, /Posture score: \d+\/100/);
  assert.match(first.stdout, /Top findings \(\d+ in all\):\n {2}CRITICAL/);
  assert.match(first.stdout, /Riskiest apps:\n\s+\d+ critical/);
  assert.match(first.stdout, /reports\/demo\/palisade-report\.html/);
  assert.match(first.stdout, /The snapshots are kept in data\/palisade\.db, one connection each/);
  assert.match(first.stdout, /npx palisade apps list --db data\/palisade\.db --connection org-/);
});

test('apps list shows every installed app riskiest first, and apps show explains one', async () => {
  const list = await palisade(['apps', 'list', ...org], { cwd });
  assert.equal(list.code, 0, list.stderr);
  const rows = list.stdout.split('\n').filter((l) => /^\s*\d+ (critical|high|medium|low|unknown)/.test(l));
  assert.ok(rows.length > 10);
  const scores = rows.map((r) => Number(r.trim().split(/\s+/)[0]));
  assert.deepEqual(
    scores,
    [...scores].sort((a, b) => b - a),
  );
  const key = rows[0]?.trim().split(/\s+/)[3] ?? '';
  const show = await palisade(['apps', 'show', key, ...org], { cwd });
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /risk {10}\d+ \((critical|high)\)/);
  assert.match(show.stdout, /\+\d+(\.\d)? +capability\./);
});

test('an app action without write consent is refused before anything is sent', async () => {
  const run = await palisade(['apps', 'revoke', 'com.harbortools.gantt', '--dry-run'], { cwd });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /needs write consent — pass --write-email and --write-api-token/);
});

test('apps uninstall is the action, and apps revoke its alias answering exactly the same', async () => {
  const uninstall = await palisade(['apps', 'uninstall', 'com.harbortools.gantt', '--dry-run'], { cwd });
  const revoke = await palisade(['apps', 'revoke', 'com.harbortools.gantt', '--dry-run'], { cwd });
  assert.equal(uninstall.code, 1);
  assert.match(uninstall.stderr, /^palisade: apps uninstall changes the tenant and needs write consent/);
  assert.deepEqual(revoke, uninstall);
  const help = await palisade(['apps', '--help'], { cwd });
  assert.match(help.stdout, /uninstall\|revoke \[options\] <app-key> +uninstall an app/);
});

test('an exception turns the failure it covers into excepted in the next report', async () => {
  const candidates = await palisade(['except', '--rule', 'org_no_dormant_admins', '--candidates', ...org], {
    cwd,
  });
  assert.equal(candidates.code, 0, candidates.stderr);
  const key = candidates.stdout.split('\n')[0]?.split(/\s+/)[0] ?? '';
  assert.match(key, /^org:user:/);
  const add = await palisade(
    [
      'except',
      '--rule',
      'org_no_dormant_admins',
      '--resource',
      key,
      '--justification',
      'On leave until March',
      '--owner',
      'Security team',
      ...org,
    ],
    { cwd },
  );
  assert.equal(add.code, 0, add.stderr);
  const report = await palisade(['report', '--format', 'json', '--output-dir', join(cwd, 'again'), ...org], {
    cwd,
  });
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /, 1 excepted/);
});

test('an attestation is validated against its subject and listed', async () => {
  const bad = await palisade(
    [
      'attest',
      '--subject',
      'authentication-policies',
      '--value',
      '{"policies":[]}',
      '--note',
      'Checked',
      '--author',
      'Riley',
      ...org,
    ],
    { cwd },
  );
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^palisade: the attestation is invalid: value: .*policies/);
  const good = await palisade(
    [
      'attest',
      '--subject',
      'authentication-policies',
      '--value',
      '{"policies":[{"name":"Default","isDefault":true,"ssoEnforced":true,"twoStepVerification":"required"}]}',
      '--note',
      'admin.atlassian.com → Security → Authentication policies',
      '--author',
      'Riley Chen',
      ...org,
    ],
    { cwd },
  );
  assert.equal(good.code, 0, good.stderr);
  const list = await palisade(['attest', '--list', ...org], { cwd });
  assert.match(list.stdout, /authentication-policies {2}org {2}by Riley Chen .*\(current\)/);
});

test('a second demo adds a snapshot, and diff compares the two', async () => {
  const single = await palisade(['diff', ...org], { cwd });
  assert.equal(single.code, 1);
  assert.match(single.stderr, /has one complete snapshot \(1\) — scan again/);
  const second = await palisade(['demo', '--cli', '--quiet'], { cwd });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /snapshot 2/);
  const diff = await palisade(['diff', ...org], { cwd });
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, /^Snapshot 1 → 2: \d+ new, \d+ regressed, \d+ resolved, \d+ changed/);
});

test('a demo enforces the bans kept in its database, as scan does: a banned app found again is reported', async () => {
  const store = createDatabase({ file: join(cwd, 'data', 'palisade.db') });
  try {
    const connection = (await listConnections(store.db)).find((c) => c.id === org[1]);
    assert.ok(connection);
    await putBan(store.db, {
      connectionId: connection.id,
      appKey: 'com.harbortools.gantt',
      reason: 'Unvetted vendor',
      actor: { id: 'u-riley', name: 'Riley Chen' },
      bannedAt: new Date().toISOString(),
    });
  } finally {
    await store.close();
  }
  const third = await palisade(['demo', '--cli', '--quiet'], { cwd });
  assert.equal(third.code, 0, third.stderr);
  // The demo has no write consent: the app stays, and the alert says why.
  assert.match(
    third.stdout,
    /Banned apps found installed again \(\d+\):\n {2}\[write_consent_required\] .*not uninstalled: .*write consent.* \(banned by Riley Chen: Unvetted vendor; detected /,
  );
});
