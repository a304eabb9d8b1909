import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReport } from '../../report/build-report.ts';
import { sampleInput } from '../../report/testing/sample-input.ts';
import { renderSummary } from './summary.ts';

// The end-of-scan text says when datasets were read with warnings, and nothing when none was.

test('the summary counts the datasets read with warnings, beside the coverage line', () => {
  const input = sampleInput();
  const datasets = input.snapshot.datasets.map((d) =>
    d.name === 'org.users'
      ? { ...d, outcome: { ...d.outcome, warnings: ['admin.directory.users.list: …'] } }
      : d,
  );
  const warned = renderSummary(buildReport({ ...input, snapshot: { ...input.snapshot, datasets } }), {
    written: [],
  });
  assert.match(
    warned,
    /\n {2}1 dataset read with warnings: Atlassian answered with values or shapes its documentation/,
  );
  assert.doesNotMatch(renderSummary(buildReport(sampleInput()), { written: [] }), /read with warnings/);
});

test('the --fail-on line counts the failing results and, apart, the checks they belong to', () => {
  const report = buildReport(sampleInput());
  const failing = report.results.filter((r) => r.status === 'fail');
  const checks = new Set(failing.map((r) => r.ruleId)).size;
  assert.ok(failing.length > checks, 'the sample has a check failing on several resources');
  const text = renderSummary(report, { written: [], gates: { failOn: 'low' } });
  assert.match(
    text,
    new RegExp(
      `\\n${failing.length} failing results \\(${checks} checks?\\) at or above low \\(--fail-on low\\): exit code 2\\n`,
    ),
  );
});

test('the summary says on every run how many checks at each severity are undecided', () => {
  const report = buildReport(sampleInput());
  const critical = new Set(
    report.results.filter((r) => r.status === 'unknown' && r.severity === 'critical').map((r) => r.ruleId),
  ).size;
  assert.match(
    renderSummary(report, { written: [] }),
    new RegExp(
      `\\nUndecided checks: ${critical} critical, \\d+ high, \\d+ medium, \\d+ low \\([\\d.]+% of the applicable results decided\\)\\n`,
    ),
  );
});
