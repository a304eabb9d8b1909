import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { buildReport } from './build-report.ts';
import { ReportError } from './errors.ts';
import { parseReportFormat, REPORT_FILE_NAMES, REPORT_FORMATS, renderReport } from './formats.ts';
import { sampleInput } from './testing/sample-input.ts';
import { writeReports } from './write-reports.ts';

const root = mkdtempSync(join(tmpdir(), 'palisade-reports-'));
after(() => rmSync(root, { recursive: true, force: true }));
const report = buildReport(sampleInput());

test('every format is written into the output directory under its fixed name, the directory created', async () => {
  const dir = join(root, 'all', 'nested');
  const written = await writeReports(report, {
    formats: ['ocsf', 'json', 'csv', 'sarif', 'html', 'json'],
    outputDir: dir,
  });
  assert.deepEqual(
    written.map((w) => [w.format, w.path]),
    REPORT_FORMATS.map((f) => [f, join(dir, REPORT_FILE_NAMES[f])]),
  );
  assert.deepEqual(readdirSync(dir).sort(), [
    'palisade-report.csv',
    'palisade-report.html',
    'palisade-report.json',
    'palisade-report.ocsf.json',
    'palisade-report.sarif',
  ]);
  for (const w of written) {
    const content = readFileSync(w.path, 'utf8');
    assert.equal(content, renderReport(report, w.format));
    assert.equal(w.bytes, Buffer.byteLength(content));
  }
});

test('report files are readable by their owner only (0600), in folders created 0700', async () => {
  const dir = join(root, 'private', 'reports');
  const written = await writeReports(report, { formats: ['json', 'csv'], outputDir: dir });
  for (const w of written) assert.equal(statSync(w.path).mode & 0o777, 0o600, w.path);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(join(root, 'private')).mode & 0o777, 0o700);
});

test('--output writes one format to the file named, replacing what was there', async () => {
  const file = join(root, 'one', 'scan.sarif.json');
  await writeReports(report, { formats: ['sarif'], output: file });
  writeFileSync(file, 'stale');
  const [written] = await writeReports(report, {
    formats: ['sarif'],
    output: file,
    outputDir: join(root, 'ignored'),
  });
  assert.equal(written?.path, file);
  assert.equal(readFileSync(file, 'utf8'), renderReport(report, 'sarif'));
  assert.deepEqual(readdirSync(join(root, 'one')), ['scan.sarif.json'], 'no temporary file is left behind');
});

test('--output with several formats, or no format at all, is refused before anything is written', async () => {
  await assert.rejects(
    writeReports(report, { formats: ['json', 'csv'], output: join(root, 'x.json') }),
    (e: unknown) =>
      e instanceof ReportError && e.code === 'output_needs_one_format' && /--output-dir/.test(e.message),
  );
  await assert.rejects(
    writeReports(report, { formats: [], outputDir: root }),
    (e: unknown) => e instanceof ReportError && e.code === 'unknown_format',
  );
});

test('an unwritable directory is a coded error naming the file and the fix', {
  skip: process.getuid?.() === 0 && 'root can write anywhere',
}, async () => {
  const dir = join(root, 'locked');
  await writeReports(report, { formats: ['json'], outputDir: dir });
  chmodSync(dir, 0o500);
  try {
    await assert.rejects(
      writeReports(report, { formats: ['csv'], outputDir: dir }),
      (e: unknown) =>
        e instanceof ReportError && e.code === 'write_failed' && e.message.includes('palisade-report.csv'),
    );
  } finally {
    chmodSync(dir, 0o700);
  }
});

test('a path under a file is a coded error naming the file and the fix', async () => {
  const blocker = join(root, 'blocker');
  writeFileSync(blocker, 'a file, not a directory');
  await assert.rejects(
    writeReports(report, { formats: ['html'], outputDir: join(blocker, 'reports') }),
    (e: unknown) =>
      e instanceof ReportError &&
      e.code === 'write_failed' &&
      /palisade-report\.html.*--output-dir/.test(e.message),
  );
});

test('format names are parsed case-insensitively and an unknown one names the valid ones', () => {
  assert.equal(parseReportFormat(' SARIF '), 'sarif');
  assert.throws(
    () => parseReportFormat('xml'),
    (e: unknown) =>
      e instanceof ReportError &&
      e.code === 'unknown_format' &&
      e.message.includes('json, csv, sarif, html, ocsf'),
  );
});
