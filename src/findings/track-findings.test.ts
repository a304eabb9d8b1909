import assert from 'node:assert/strict';
import { test } from 'node:test';
import { result, scopeUnknown } from './testing/result-fixture.ts';
import { type Finding, trackFindings } from './track-findings.ts';

const day = (n: number) => new Date(Date.UTC(2025, 5, n));

function run(history: Finding[], current: Parameters<typeof trackFindings>[1], version: number) {
  return trackFindings(history, current, version, day(version));
}

test('a new failure opens a finding first and last seen in this snapshot', () => {
  const { findings, changes } = run([], [result('r', 'p1', 'fail'), result('r', 'p2', 'pass')], 1);
  assert.deepEqual(
    changes.map((c) => [c.kind, c.finding.resource.id]),
    [['new', 'p1']],
  );
  assert.deepEqual(findings[0], {
    key: 'r|org:project:p1',
    ruleId: 'r',
    resource: { type: 'project', id: 'p1', scope: 'org' },
    state: 'open',
    lastStatus: 'fail',
    message: 'p1 fail',
    firstSeen: { version: 1, at: day(1).toISOString() },
    lastSeen: { version: 1, at: day(1).toISOString() },
    resolved: null,
    regressions: 0,
  });
});

test('a failure seen again keeps its first seen and moves its last seen, without a change', () => {
  const first = run([], [result('r', 'p1', 'fail')], 1);
  const second = run(first.findings, [result('r', 'p1', 'fail')], 2);
  assert.deepEqual(second.changes, []);
  assert.equal(second.findings[0]?.firstSeen.version, 1);
  assert.equal(second.findings[0]?.lastSeen.version, 2);
});

test('a finding resolves when the resource passes or is gone from a complete evaluation', () => {
  const open = run([], [result('r', 'p1', 'fail'), result('r', 'p2', 'fail')], 1);
  const next = run(open.findings, [result('r', 'p1', 'pass'), result('r', 'p3', 'pass')], 2);
  assert.deepEqual(
    next.changes.map((c) => [c.kind, c.finding.resource.id, c.finding.lastStatus]),
    [
      ['resolved', 'p1', 'pass'],
      ['resolved', 'p2', 'absent'],
    ],
  );
  assert.deepEqual(next.findings[0]?.resolved, { version: 2, at: day(2).toISOString() });
  assert.equal(next.findings[0]?.lastSeen.version, 1, 'last seen stays at the last failing snapshot');
});

test('a resolved finding that fails again is regressed, keeping its first seen and counting the regression', () => {
  const s1 = run([], [result('r', 'p1', 'fail')], 1);
  const s2 = run(s1.findings, [result('r', 'p1', 'pass')], 2);
  const s3 = run(s2.findings, [result('r', 'p1', 'fail')], 3);
  assert.deepEqual(
    s3.changes.map((c) => c.kind),
    ['regressed'],
  );
  assert.deepEqual(
    [
      s3.findings[0]?.state,
      s3.findings[0]?.firstSeen.version,
      s3.findings[0]?.regressions,
      s3.findings[0]?.resolved,
    ],
    ['open', 1, 1, null],
  );
});

test('a finding that can no longer be checked stays open, marked unknown', () => {
  const open = run([], [result('r', 'p1', 'fail')], 1);
  const blind = run(open.findings, [scopeUnknown('r')], 2);
  assert.deepEqual(
    blind.changes.map((c) => [c.kind, c.finding.state, c.finding.lastStatus]),
    [['changed', 'open', 'unknown']],
  );
  assert.equal(blind.findings[0]?.lastSeen.version, 1);
  const again = run(blind.findings, [scopeUnknown('r')], 3);
  assert.deepEqual(again.changes, [], 'still unknown is not a new change');
});

test('an excepted failure is tracked as excepted, and reopens when the exception lapses', () => {
  const exception = {
    id: 'exc-1',
    owner: 'sec',
    justification: 'Public on purpose.',
    expiresAt: '2025-06-03T00:00:00Z',
  };
  const s1 = run([], [result('r', 'p1', 'excepted', { exception })], 1);
  assert.deepEqual(
    [s1.changes[0]?.kind, s1.findings[0]?.state, s1.findings[0]?.exception?.id],
    ['new', 'excepted', 'exc-1'],
  );
  const s2 = run(s1.findings, [result('r', 'p1', 'fail')], 2);
  assert.deepEqual(
    s2.changes.map((c) => [c.kind, c.previous?.state, c.finding.state]),
    [['changed', 'excepted', 'open']],
  );
  assert.equal(s2.findings[0]?.exception, undefined);
});

test('findings of rules that were not evaluated are carried over untouched', () => {
  const s1 = run([], [result('r', 'p1', 'fail')], 1);
  const s2 = run(s1.findings, [result('other', 'p9', 'pass')], 2);
  assert.deepEqual(s2.changes, []);
  assert.deepEqual(s2.findings, s1.findings);
});

test('tracking the same evaluation twice changes nothing', () => {
  const current = [result('r', 'p1', 'fail'), result('r', 'p2', 'pass')];
  const once = run([], current, 1);
  const twice = run(once.findings, current, 1);
  assert.deepEqual(twice.changes, []);
  assert.deepEqual(twice.findings, once.findings);
});
