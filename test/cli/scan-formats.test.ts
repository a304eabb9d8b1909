import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { reportSchemaValidator, sarifValidator } from '../../src/report/testing/validators.ts';
import { type DemoSimulator, leakedSecrets, type Run, runPalisade, startDemoSimulator } from './support.ts';

// `palisade scan` as a pipeline runs it: a child process, the demo organization served by a
// simulator this test started, every format asked for. One scan; each test reads what it wrote.

let demo: DemoSimulator;
let dir: string;
let run: Run;

before(async () => {
  demo = await startDemoSimulator();
  dir = mkdtempSync(join(tmpdir(), 'palisade-cli-formats-'));
  const formats = ['json', 'csv', 'sarif', 'html', 'ocsf'].flatMap((f) => ['--format', f]);
  run = await runPalisade(['scan', ...demo.scanArgs, ...formats, '--output-dir', join(dir, 'out')], {
    cwd: dir,
  });
});

after(async () => {
  await demo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const file = (name: string) => join(dir, 'out', name);

test('a scan of the demo organization ends with exit code 0 and a summary naming every report', () => {
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Posture score: \d+\/100/);
  assert.match(run.stdout, /Top findings/);
  assert.match(run.stdout, /Riskiest apps:/);
  for (const name of ['json', 'csv', 'sarif', 'html', 'ocsf.json']) {
    assert.ok(run.stdout.includes(`palisade-report.${name}`), `summary names palisade-report.${name}`);
  }
  // Not a terminal: plain log lines, no escape sequences.
  assert.ok(!run.stderr.includes('\x1b['), 'no escape sequence');
  assert.match(run.stderr, /palisade: collecting \d+ datasets/);
});

test('the JSON report validates against docs/report.schema.json and covers the org and both sites', () => {
  const report = JSON.parse(readFileSync(file('palisade-report.json'), 'utf8'));
  assert.deepEqual(reportSchemaValidator()(report), []);
  assert.equal(report.org.name, 'Acme');
  assert.deepEqual(report.sites.map((s: { name: string }) => s.name).sort(), ['acme', 'acme-labs']);
  assert.ok(report.results.some((r: { status: string }) => r.status === 'fail'));
  assert.ok(report.apps.length > 0 && report.apps.every((a: { risk: { band: string } }) => a.risk.band));
});

test('the SARIF report validates against the official SARIF 2.1.0 schema', () => {
  const sarif = JSON.parse(readFileSync(file('palisade-report.sarif'), 'utf8'));
  assert.deepEqual(sarifValidator()(sarif), []);
  assert.equal(sarif.version, '2.1.0');
  assert.ok(sarif.runs[0].results.length > 0);
});

test('the CSV action plan has one row per failing result, most severe first', () => {
  const report = JSON.parse(readFileSync(file('palisade-report.json'), 'utf8'));
  const failing = report.results.filter((r: { status: string }) => r.status === 'fail').length;
  const csv = readFileSync(file('palisade-report.csv'), 'utf8');
  // Records start with their priority number; cells may hold line breaks inside quotes.
  const records = csv.split('\r\n').filter((line) => /^\d+,(critical|high|medium|low),/.test(line));
  assert.equal(records.length, failing);
  assert.match(records[0] ?? '', /^1,critical,/);
});

test('the HTML report is one self-contained page', () => {
  const html = readFileSync(file('palisade-report.html'), 'utf8');
  assert.match(html, /^<!doctype html>/i);
  assert.doesNotMatch(html, /<script\b[^>]*\bsrc=|<link\b[^>]*\bhref="?https?:|<img\b[^>]*\bsrc="?https?:/i);
  assert.match(html, /Acme/);
});

test('the OCSF report is an array of Compliance Finding events', () => {
  const events = JSON.parse(readFileSync(file('palisade-report.ocsf.json'), 'utf8'));
  assert.ok(Array.isArray(events) && events.length > 0);
  assert.ok(events.every((e: { class_uid: number }) => e.class_uid === 2003));
});

test('no credential appears in the output or in any report', () => {
  assert.deepEqual(leakedSecrets(run, demo.secrets), []);
  for (const name of ['json', 'csv', 'sarif', 'html', 'ocsf.json']) {
    const text = readFileSync(file(`palisade-report.${name}`), 'utf8');
    assert.deepEqual(
      demo.secrets.filter((s) => text.includes(s)),
      [],
      `palisade-report.${name} holds no credential`,
    );
  }
});

test('without --db the snapshot lives in a temporary file that is gone after the scan', () => {
  assert.doesNotMatch(run.stdout, /Snapshot kept in/);
  assert.equal(existsSync(join(dir, 'data')), false);
});
