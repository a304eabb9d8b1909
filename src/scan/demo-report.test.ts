import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { REPORT_FORMATS, renderReport } from '../report/formats.ts';
import { escapeHtml } from '../report/html/html.ts';
import { reportSchemaValidator, sarifValidator } from '../report/testing/validators.ts';
import { RESULT_STATUSES } from '../rules/result.ts';
import { severityRank } from '../rules/severity.ts';
import { type DemoScan, demoScan } from './testing/demo-scan.ts';

// The five formats of a realistic report: the demo tenant synced from the simulator and assessed
// as `palisade scan` assesses it, its Bitbucket workspace and Data Center instances beside the
// organization as `palisade demo --cli` reports them.

let scan: DemoScan;
before(async () => {
  scan = await demoScan();
});

test('the demo report has every result status, apps and coverage, and remediation for every failure', () => {
  const { report } = scan;
  assert.deepEqual(new Set(report.results.map((r) => r.status)), new Set(RESULT_STATUSES));
  assert.equal(report.org?.name, 'Acme');
  assert.equal(report.sites.length, 5);
  assert.equal(report.coverage.length, scan.outcomes);
  // The org's 27 Cloud apps and the two user-installed plugins of each Data Center instance.
  assert.equal(report.apps.length, 31);
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

test("the demo report shows the Bitbucket workspace's and the Data Center instances' findings beside the org's", () => {
  const { report } = scan;
  const failing = report.results.filter((r) => r.status === 'fail');
  const web = failing.find((r) => r.ruleId === 'bb_no_public_repos');
  assert.deepEqual([web?.resource.name, web?.site], ['acme/web', 'https://bitbucket.org/acme']);
  const jira = report.sites.find((s) => s.products.includes('jira-data-center'));
  assert.ok(jira, 'the Jira Data Center instance is one of the sites');
  assert.ok(failing.some((r) => r.ruleId === 'dc_jira_websudo_enabled' && r.site === jira.url));
  assert.ok(failing.some((r) => r.ruleId === 'dc_conf_websudo_enabled'));
  const products = report.summary.scores.products.map((p) => p.product);
  for (const product of ['org', 'bitbucket', 'jira-data-center', 'confluence-data-center'])
    assert.ok(products.includes(product), product);
  const page = renderReport(report, 'html');
  for (const text of ['bb_no_public_repos', 'acme/web', 'dc_jira_websudo_enabled', escapeHtml(jira.name)])
    assert.ok(page.includes(text), text);
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
