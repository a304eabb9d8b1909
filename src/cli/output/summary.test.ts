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
