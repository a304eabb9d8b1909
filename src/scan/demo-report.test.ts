import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { REPORT_FORMATS, renderReport } from '../report/formats.ts';
import { escapeHtml } from '../report/html/html.ts';
import { reportSchemaValidator, sarifValidator } from '../report/testing/validators.ts';
import { RESULT_STATUSES } from '../rules/result.ts';
import { severityRank } from '../rules/severity.ts';
import { type DemoScan, demoScan } from './testing/demo-scan.ts';

// The five formats of a realistic report: the demo tenant synced from the simulator and assessed
// as `palisade scan` assesses it.

let scan: DemoScan;
before(async () => {
  scan = await demoScan();
});

test('the demo report has every result status, apps and coverage, and remediation for every failure', () => {
  const { report } = scan;
  assert.deepEqual(new Set(report.results.map((r) => r.status)), new Set(RESULT_STATUSES));
  assert.equal(report.org?.name, 'Acme');
  assert.equal(report.sites.length, 2);
  assert.equal(report.coverage.length, scan.outcomes);
  assert.equal(report.apps.length, 27);
  assert.ok(report.apps.every((a) => a.risk.score !== null && a.risk.factors.length > 0));
  // Only the unlisted Connect apps, whose scopes no Atlassian API returns, have no band.
  assert.deepEqual(
    report.apps
      .filter((a) => a.risk.band === 'unknown')
      .map((a) => a.key)
      .sort(),
    ['com.acme.wiki-sync', 'io.fastsync.jira-sync', 'net.pagecopy.exporter'],
  );
  for (const r of report.results.filter((x) => x.status === 'fail')) {
    assert.ok(r.remediation.ui.length > 0, r.ruleId);
  }
  assert.ok(report.summary.postureScore !== null);
});

test('the demo JSON report validates against docs/report.schema.json', () => {
  assert.deepEqual(reportSchemaValidator()(JSON.parse(renderReport(scan.report, 'json'))), []);
});

test('the demo SARIF log validates against the SARIF 2.1.0 schema', () => {
  const log = JSON.parse(renderReport(scan.report, 'sarif'));
  assert.deepEqual(sarifValidator()(log), []);
  const expected = scan.report.results.filter((r) =>
    ['fail', 'excepted', 'unknown'].includes(r.status),
  ).length;
  assert.equal(log.runs[0].results.length, expected);
});

test('the demo CSV action plan lists every failure once, most severe first', () => {
  const lines = renderReport(scan.report, 'csv').trimEnd().split('\r\n');
  const failing = scan.report.results.filter((r) => r.status === 'fail');
  // Messages have no line breaks in the demo, so a record is a line.
  assert.equal(lines.length, failing.length + 1);
  const severities = lines.slice(1).map((l) => l.split(',')[1] as 'critical' | 'high' | 'medium' | 'low');
  assert.deepEqual(
    severities,
    [...severities].sort((a, b) => severityRank(a) - severityRank(b)),
  );
});

test('the demo HTML report names the org, every failing check and every app', () => {
  const page = renderReport(scan.report, 'html');
  assert.ok(page.includes('Atlassian Cloud security posture: Acme'));
  for (const r of scan.report.results.filter((x) => x.status === 'fail')) assert.ok(page.includes(r.ruleId));
  for (const a of scan.report.apps) assert.ok(page.includes(escapeHtml(a.name)), a.name);
});

test('the demo OCSF file has one Compliance Finding per result', () => {
  const events = JSON.parse(renderReport(scan.report, 'ocsf'));
  assert.equal(events.length, scan.report.results.length);
  assert.ok(events.every((e: { class_uid: number }) => e.class_uid === 2003));
});

test('no credential the scan used appears in any format', () => {
  assert.ok(scan.secrets.length >= 5 && scan.secrets.every((s) => s.length >= 8));
  for (const format of REPORT_FORMATS) {
    const text = renderReport(scan.report, format);
    for (const secret of scan.secrets) assert.ok(!text.includes(secret), `${format} contains a credential`);
  }
});
