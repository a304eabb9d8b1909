import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReport } from './build-report.ts';
import { renderHtml } from './html/render-html.ts';
import { sampleInput } from './testing/sample-input.ts';
import { reportSchemaValidator } from './testing/validators.ts';

// Warnings (what a sync read but found other than documented) are shown beside a dataset's
// coverage, in every report, and are never a gap.

const WARNING =
  'jira.projects: values[].projectTypeKey has an undocumented value in 2 items (expected one of "software", "service_desk", "business")';

function withWarning() {
  const input = sampleInput();
  const datasets = input.snapshot.datasets.map((d) =>
    d.name === 'jira.permission-schemes' && d.scope === 'cloud-acme'
      ? { ...d, outcome: { ...d.outcome, warnings: [WARNING] } }
      : d,
  );
  return buildReport({ ...input, snapshot: { ...input.snapshot, datasets } });
}

test('a dataset read with warnings is complete, and its coverage entry lists them', () => {
  const report = withWarning();
  const entry = report.coverage.find(
    (c) => c.dataset === 'jira.permission-schemes' && c.site?.includes('acme.'),
  );
  assert.deepEqual(entry, {
    site: 'https://acme.atlassian.net',
    dataset: 'jira.permission-schemes',
    status: 'ok',
    reason: null,
    warnings: [WARNING],
  });
  assert.deepEqual(report.summary.coverage, buildReport(sampleInput()).summary.coverage);
  assert.ok(report.coverage.filter((c) => c !== entry).every((c) => !('warnings' in c)));
  assert.deepEqual(reportSchemaValidator()(report), []);
});

test('the HTML report shows the warnings under coverage, escaped', () => {
  const text = renderHtml(withWarning());
  assert.match(text, /Read, but not as documented/);
  assert.match(text, /values\[\]\.projectTypeKey has an undocumented value in 2 items/);
  assert.match(text, /&quot;software&quot;/);
  assert.doesNotMatch(renderHtml(buildReport(sampleInput())), /Read, but not as documented/);
});
