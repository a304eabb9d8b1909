import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffResults } from '../../findings/diff-results.ts';
import { result } from '../../findings/testing/result-fixture.ts';
import { renderDiff } from './diff-run.ts';

// A "changed" line is one a person can see: the statuses, the earlier message, or the evidence
// fields that moved — never the same text twice.

const context = {
  from: 1,
  to: 2,
  severityOf: new Map([['r', 'high' as const]]),
  titleOf: new Map([['r', 'A rule']]),
  sites: new Map<string, string>(),
};

test('a failure whose visible text is the same says which evidence changed, and one whose message changed says what it was', () => {
  const text = renderDiff(
    diffResults(
      [
        result('r', 'p1', 'fail', { evidence: { grants: ['BROWSE'] } }),
        result('r', 'p2', 'fail', { message: 'Two admins without 2SV.' }),
      ],
      [
        result('r', 'p1', 'fail', { evidence: { grants: ['BROWSE', 'COMMENT'] } }),
        result('r', 'p2', 'fail', { message: 'Three admins without 2SV.' }),
      ],
    ),
    context,
  );
  assert.match(text, /\(fail; evidence changed: grants \["BROWSE"\] → \["BROWSE","COMMENT"\]\) \[r\]/);
  assert.match(text, /Three admins without 2SV\. \(fail; was: Two admins without 2SV\.\) \[r\]/);
  assert.doesNotMatch(text, /fail → fail/);
});
